"""Static files: Django's app-directory finder, without the front-end files only the tests use."""

from django.contrib.staticfiles import finders

# axe-core: the browser tests run it from its file (tests/browser/test_axe_and_phone_width.py). No page links
# it, and this finder keeps it out of collectstatic and of the development server, so nothing serves it.
TEST_ONLY = ("vendor/axe/",)


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    def find(self, path, find_all=False, **kwargs):
        if path.replace("\\", "/").startswith(TEST_ONLY):
            return []
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not path.replace("\\", "/").startswith(TEST_ONLY):
                yield path, storage
