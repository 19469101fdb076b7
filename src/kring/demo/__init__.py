"""The demo caseload: the stories of the seed documents (shared/seeds), with invented names, seeded through
the product's services (``manage.py seed_demo``).

At the top of the dependency graph: it may import every app; no app imports it. ``shared`` holds the
organisations, teams and users every story shares; ``families`` one module per family (its dossier and whole
story); ``chain_table`` the ZSM chain table with one module per person it worked for; ``seeding`` how each app's
part is written through that app's services; ``spec`` the small vocabulary the stories are written in.
"""
