"""ONE staff's side: the campaign's editor, « Lancer », the participation table (per place and
territory, in a fixed number of queries), « Fait par le personnel », the CSV export; every one
refused to organisers (403) and unknown campaigns a 404."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from campaigns.answers import confirmed
from campaigns.models import Answer, Campaign, CampaignRequest
from directory.models import PlacePage
from tests.campaigns.conftest import LIEGE_PROVINCE, NAMUR_PROVINCE, place_in

pytestmark = pytest.mark.django_db


def urls(campaign, request_id):
    return [
        ("get", reverse("campaigns_participation", args=[campaign.pk])),
        ("get", reverse("campaigns_export", args=[campaign.pk])),
        ("post", reverse("campaigns_launch", args=[campaign.pk])),
        ("post", reverse("campaigns_mark_done", args=[campaign.pk, request_id])),
        ("get", reverse("wagtailsnippets_campaigns_campaign:list")),
        ("get", reverse("wagtailsnippets_campaigns_campaign:add")),
        ("get", reverse("wagtailsnippets_campaigns_campaign:edit", args=[campaign.pk])),
    ]


def test_organisers_are_refused_every_staff_url(client, started, organiser_a, place_a):
    request = CampaignRequest.objects.get(place=place_a)
    client.force_login(organiser_a)
    for method, url in urls(started, request.pk):
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            # Wagtail's own views send a refused user home with a message.
            assert response["Location"] == reverse("wagtailadmin_home"), url
    assert CampaignRequest.objects.get(pk=request.pk).answer == ""


def test_unknown_campaigns_and_requests_are_404(client, started, staff_member, place_namur):
    client.force_login(staff_member)
    assert client.get(reverse("campaigns_participation", args=[999])).status_code == 404
    assert client.get(reverse("campaigns_export", args=[999])).status_code == 404
    other = Campaign.objects.create(
        name="Autre", sections=["hours"], starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 31)
    )
    foreign = CampaignRequest.objects.create(campaign=other, place=place_namur)
    url = reverse("campaigns_mark_done", args=[started.pk, foreign.pk])
    assert client.post(url).status_code == 404


def test_staff_make_a_campaign_in_the_admin(client, clock, staff_member, liege, namur):
    client.force_login(staff_member)
    form = client.get(reverse("wagtailsnippets_campaigns_campaign:add")).content.decode()
    assert f'value="{LIEGE_PROVINCE}"' in form and f'value="{NAMUR_PROVINCE}"' in form
    response = client.post(
        reverse("wagtailsnippets_campaigns_campaign:add"),
        {
            **nested_form_data(
                {
                    "name": "Vacances d'été",
                    "communes": inline_formset([{"commune": namur.pk}]),
                    "starts_on": "2027-06-01",
                    "ends_on": "2027-06-30",
                }
            ),
            # Lists beside: nested_form_data reads a list as a stream of blocks.
            "provinces": [LIEGE_PROVINCE],
            "sections": ["closures", "hours"],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(name="Vacances d'été")
    assert campaign.sections == ["hours", "closures"]
    assert campaign.provinces == [LIEGE_PROVINCE]
    assert [c.commune for c in campaign.communes.all()] == [namur]
    assert campaign.created_by == staff_member
    assert campaign.started_at is None

    backwards = client.post(
        reverse("wagtailsnippets_campaigns_campaign:add"),
        {
            **nested_form_data(
                {
                    "name": "À l'envers",
                    "communes": inline_formset([]),
                    "starts_on": "2027-06-30",
                    "ends_on": "2027-06-01",
                }
            ),
            "sections": ["hours"],
        },
    )
    assert backwards.status_code == 200
    assert "La fin doit suivre le début." in backwards.content.decode()


def test_launch_starts_the_campaign_now(
    client, campaign, staff_member, organiser_a, mailoutbox, django_capture_on_commit_callbacks
):
    Campaign.objects.filter(pk=campaign.pk).update(starts_on=date(2027, 3, 20))
    client.force_login(staff_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns_launch", args=[campaign.pk]), follow=True)
    assert "Campagne lancée : 1 lieu interrogé." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.started_at is not None and campaign.starts_on == date(2027, 3, 3)
    assert [m.to for m in mailoutbox] == [["orga-a@example.org"]]
    again = client.post(reverse("campaigns_launch", args=[campaign.pk]), follow=True)
    assert "déjà lancée" in again.content.decode()
    assert len(mailoutbox) == 1


def participation(client, campaign):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("campaigns_participation", args=[campaign.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_table_shows_answers_per_place_and_territory_in_fixed_queries(
    client, started, staff_member, place_a, place_b, organiser_a, liege
):
    client.force_login(staff_member)
    html, queries = participation(client, started)
    assert html.count("Sans réponse") >= 3

    confirmed(CampaignRequest.objects.get(place=place_a), organiser_a)
    response = client.post(
        reverse(
            "campaigns_mark_done",
            args=[started.pk, CampaignRequest.objects.get(place=place_b).pk],
        ),
        follow=True,
    )
    assert "« Lieu B » : fait par le personnel." in response.content.decode()
    request_b = CampaignRequest.objects.get(place=place_b)
    assert (request_b.answer, request_b.answered_by) == (Answer.STAFF, staff_member)
    assert PlacePage.objects.get(pk=place_b.pk).verified_at == request_b.answered_at

    for n in range(3):
        CampaignRequest.objects.create(campaign=started, place=place_in(liege, f"Lieu {n}"))
    html, more = participation(client, started)
    assert more == queries
    assert "Répondu par l&#x27;organisateur" in html and "Fait par le personnel" in html
    assert '<th scope="row">Liège</th><td>1</td><td>1</td><td>3</td><td>5</td>' in html


def test_the_export_streams_every_request_with_localized_headers(
    client, started, staff_member, place_a, organiser_a
):
    confirmed(CampaignRequest.objects.get(place=place_a), organiser_a)
    client.force_login(staff_member)
    response = client.get(reverse("campaigns_export", args=[started.pk]))
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"campagne-{started.pk}-2027-03-03.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Lieu", "Commune", "Province ou département", "État"]
    assert rows[1][:4] == ["Lieu A", "Liège", "Liège", "Répondu par l'organisateur"]
    assert rows[1][5] == "orga-a"
    assert rows[2][:4] == ["Lieu B", "Liège", "Liège", "Sans réponse"]

    # In the language of the staff member's admin.
    UserProfile.objects.update_or_create(user=staff_member, defaults={"preferred_language": "en"})
    english = client.get(reverse("campaigns_export", args=[started.pk]))
    header = b"".join(english.streaming_content).decode("utf-8").splitlines()[0]
    assert header.lstrip("\ufeff").startswith("Place,")
