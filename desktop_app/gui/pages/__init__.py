"""Main-window pages, one module each; registered in gui/navigation.py."""
