urlpatterns: list = []  # measures, lead, scaling, consent, "who sees what" and timeline pages
