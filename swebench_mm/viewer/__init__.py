"""`swebench-mm view`: a local web viewer of runs (model.py builds what the pages show, app.py serves it)."""
