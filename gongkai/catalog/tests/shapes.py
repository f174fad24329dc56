"""What the header/title shape tests read: the fields the importer finds in a text written for a test."""
from gongkai.catalog.importing.services import document_extract


def fields_of(text, name="page.txt", *, allow_empty_body=False):
    return document_extract(name=name, data=text.encode("utf-8"), allow_empty_body=allow_empty_body).fields
