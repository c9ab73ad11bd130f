"""A hire's permanent-residence outlook (issue 11): its candidate profile, the outlook for the stored hire,
its timeline as guidance deadlines, and the hire page's Pathways section."""
