"""Click commands, one module per command (group); each is a thin layer over library functions."""
