"""uk recognizers (see redactor/detect/recognizers/__init__.py)."""
