"""Tests of the readers (pipeline.documents) and of pipeline.paragraphs."""
