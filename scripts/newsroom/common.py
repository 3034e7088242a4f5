"""What every part of the newsroom data shares: labels and record builders."""

S, O, U = "supported", "overstated", "unsupported"


def rec(id, title, abstract, year, journal, publication_types, mesh):
    return {"id": id, "title": title, "abstract": abstract, "year": year, "journal": journal,
            "publication_types": publication_types, "mesh": mesh}


def summary(source: str) -> str:
    return f"Summary written for factcheck of: {source}"
