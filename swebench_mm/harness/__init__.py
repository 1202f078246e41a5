"""The evaluation harness: images, containers, log parsers and grading."""
