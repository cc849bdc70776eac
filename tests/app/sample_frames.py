"""Small hand-built fact tables (with article metadata) shared by the app tests: a helper module, not a test module."""
import pandas as pd


def pos(rows):
    """Positions with article metadata from (article_id, published, outlet, actor_code, stance) tuples."""
    return pd.DataFrame(
        [
            {
                "article_id": a, "published": p, "outlet": o, "title": f"title {a}", "actor_code": c,
                "actor_name": {"USA": "United States", "BRA": "Brazil", "RUS": "Russia", "EU": "European Union"}.get(c, c),
                "actor_type": "organization" if c == "EU" else "country", "stance": s, "cue": "cue",
                "evidence": f"{c} {s} in {a}.", "start": 0, "end": 5,
            }
            for a, p, o, c, s in rows
        ]
    )


POSITIONS = pos([
    ("a1", "2024-07-30", "Reuters", "USA", "demands_transparency"),
    ("a2", "2024-08-01", "AP", "USA", "recognizes_gonzalez"),
    ("a1", "2024-07-30", "Reuters", "BRA", "demands_transparency"),
    ("a3", "2024-08-05", "AP", "BRA", "rejects_result"),
    ("a4", "2024-08-05", "BBC", "BRA", "demands_transparency"),  # same day, disagrees with a3
    ("a5", "", "", "RUS", "recognizes_maduro"),  # undated
    ("a2", "2024-08-01", "AP", "EU", "demands_transparency"),
])


CANDIDATE_NAMES = {"Maduro": "Nicolás Maduro", "Nicolás Maduro": "Nicolás Maduro", "González": "Edmundo González", "Edmundo González": "Edmundo González"}


def figures(rows, contest: str = ""):
    """Figures with article metadata from (article_id, published, kind, value, qualifier, subject, claimed_by) tuples;
    a subject naming a candidate is that candidate's figure, and every figure is about ``contest`` (default: 28 July 2024)."""
    return pd.DataFrame(
        [
            {"article_id": a, "published": p, "outlet": "", "title": a, "kind": k, "value": v, "qualifier": q,
             "mention": str(v), "subject": s, "claimed_by": c, "candidate": CANDIDATE_NAMES.get(s, ""), "contest": contest,
             "evidence": f"{a} says {v}.", "start": 0, "end": 3}
            for a, p, k, v, q, s, c in rows
        ]
    )


CRACKDOWN = figures([
    ("a1", "2024-08-01", "detained", 1000, "", "people", "Foro Penal"),
    ("a2", "2024-08-10", "detained", 1300, "more than", "people", "Foro Penal"),
    ("a3", "", "detained", 2400, "more than", "people", "government"),
    ("a3", "", "killed", 24, "", "people", "Provea"),
])
