"""rightstrack: tracking the implementation of human-rights obligations."""
