from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import BreakGlassForm
from .policy import break_glass_memberships
from .services import break_glass_open


@login_required
def break_glass(request: HttpRequest) -> HttpResponse:
    if not break_glass_memberships(request.user).exists():
        raise Http404
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = break_glass_open(
                user=request.user,
                reference=form.cleaned_data["reference"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                form.add_error(None, error.messages)
        else:
            messages.warning(
                request,
                _("Emergency access granted until %(time)s. The privacy officer has been informed.")
                % {"time": timezone.localtime(grant.expires_at).strftime("%H:%M")},
            )
            return redirect("dossier_detail", dossier_id=grant.dossier_id)
    return render(request, "access/break_glass.html", {"form": form})
