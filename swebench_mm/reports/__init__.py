"""Reports: run summaries with uncertainty, pairwise comparisons, plots, HTML/Markdown/JSON rendering."""
