urlpatterns: list = []  # the network map, kitchen table, JIM and Family Finding pages
