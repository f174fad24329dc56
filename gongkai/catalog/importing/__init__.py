"""Import .txt, .html and .docx files into the catalog: read, extract metadata and body, save."""
