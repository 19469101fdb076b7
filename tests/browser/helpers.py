"""Steps shared by the browser journeys: log in, let days pass, submit a form, let htmx settle."""

PASSWORD = "correct horse battery staple"


def login(browser, url: str, username: str, viewport: dict | None = None):
    """A new browser context (no cookies) in which `username` has logged in; its page."""
    context = browser.new_context(locale="nl-NL", viewport=viewport or {"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.set_default_navigation_timeout(30_000)
    page.goto(f"{url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    return page


def days_later(browser, url: str, clock, moment: str, *users: tuple) -> list:
    """Days pass: the clock moves and each user logs in again (a session ends after half an hour idle)."""
    clock.move_to(moment)
    pages = []
    for page, username in users:
        if page is not None:
            page.context.close()
        pages.append(login(browser, url, username))
    return pages


def submit(page, form, button: str) -> None:
    """Press the named button of `form` and wait for the page that answers."""
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()


def htmx_settled(page) -> None:
    """Wait until htmx has settled its last swap: a key pressed during a swap can reach the element that is
    being replaced. (A function, not an expression: the pages' CSP forbids the eval an expression needs.)"""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
