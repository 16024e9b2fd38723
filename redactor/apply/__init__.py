"""Apply: true removal of text, pixels and vector art under each box, then sanitising."""
