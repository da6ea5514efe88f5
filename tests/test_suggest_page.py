"""The Suggestions page, driven with AppTest on the tiny seeded store of tests/test_app.py."""

from __future__ import annotations

from graph.draw.remote import remote_references
from graph.draw.suggestions import SUGGESTED
from tests.support.app import PASSWORD, start, table, texts, unlock

PAGE = "ui/pages/suggest.py"


#: What a planner types to find each actor of the tiny graph (the picker searches first).
SEARCHES = ("Integrationsbüro", "Réseau", "Chambre", "IRT", "Anna", "Bob")


def first_actor_with_suggestions(at):
    for text in SEARCHES:
        at.text_input(key="sg_search").set_value(text).run()
        box = at.selectbox(key="sg_actor")
        assert len(box.options) >= 1, text  # the search's matches (and the current choice), never every actor
        box.select_index(len(box.options) - 1).run()
        assert not at.exception, at.exception
        if at.get("iframe"):
            return box.value
    raise AssertionError("no actor has suggestions")


def test_page_shows_ranked_suggestions_with_reasons_and_a_dashed_drawing(app_env, static_serving):
    static_serving(True)
    at = start(PAGE)
    assert texts(at.title) == ["Suggestions"]
    assert any("Choose an actor" in m for m in texts(at.info))
    at.selectbox(key="sg_scorer").select("resource_allocation").run()
    first_actor_with_suggestions(at)
    assert any("shared partner" in m for m in texts(at.markdown))
    frames = at.get("iframe")
    assert len(frames) == 1
    page = frames[0].proto.srcdoc
    assert remote_references(page) == [] and SUGGESTED in page and '"dashes": true' in page
    assert "/app/static/pyvis/" in page and len(page) < 60_000  # vis-network is served once, not inlined
    widgets = [
        w for kind in ("selectbox", "checkbox", "slider", "number_input", "multiselect") for w in getattr(at, kind)
    ]
    assert all(w.key for w in widgets)
    assert not [b for b in at.button if b.key and b.key.startswith("sg_")]  # read-only without editor mode


def test_filters_and_learned_default(app_env):
    at = start(PAGE)
    first_actor_with_suggestions(at)  # learned default, on too little history to train: the evidence ranks
    assert any("Ranked by: Evidence (shared partners first) · No percentage" in c for c in texts(at.caption))
    assert not any("Learned" in c for c in texts(at.caption))
    at.checkbox(key="sg_cross").check().run()
    assert not at.exception
    at.selectbox(key="sg_country").select(at.selectbox(key="sg_country").options[-1]).run()
    assert not at.exception


def test_a_filter_left_at_no_choice_keeps_showing_it_when_another_changes(app_env):
    """A box left at "Organisations (default)" or "Any" still shows it after another filter changed
    (it had fallen back to its placeholder, "Choose an option", as if nothing were selected)."""
    at = start(PAGE)
    first_actor_with_suggestions(at)
    at.checkbox(key="sg_cross").check().run()
    at.selectbox(key="sg_country").select(at.selectbox(key="sg_country").options[-1]).run()
    assert not at.exception
    for key, shown in (("sg_type", "Organisations (default)"), ("sg_topic", "Any"), ("sg_f_topic", "Any")):
        box = at.selectbox(key=key)
        assert box.index == 0 and box.options[box.index] == shown, key


def test_forum_composer(app_env):
    at = start(PAGE)
    at.slider(key="sg_f_size").set_value(3).run()
    assert not at.exception
    invitees = table(at, "Invitee", "Why")  # a static table: the reasons wrap
    assert len(invitees) == 3 and invitees["Why"].str.len().min() > 0
    assert any(m.startswith("Countries covered") for m in texts(at.markdown))


def test_editor_dismisses_a_suggestion(app_env, monkeypatch):
    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    at = start()
    unlock(at, PASSWORD)
    at.switch_page(PAGE).run()
    at.selectbox(key="sg_scorer").select("resource_allocation").run()
    first_actor_with_suggestions(at)
    buttons = [b for b in at.button if b.key and b.key.startswith("sg_not_relevant_")]
    assert buttons
    other = buttons[0].key.removeprefix("sg_not_relevant_")
    buttons[0].click().run()
    assert not at.exception, at.exception
    assert any("Recorded for" in s for s in texts(at.success))
    assert not [b for b in at.button if b.key == f"sg_not_relevant_{other}"]  # never suggested again


def test_page_in_german(app_env):
    at = start(PAGE)
    at.selectbox(key="lang").select("de").run()
    assert not at.exception
    assert texts(at.title) == ["Vorschläge"]
    # the drawing's dashed ties give their reasons in German too (they were the English texts)
    at.selectbox(key="sg_scorer").select("resource_allocation").run()
    first_actor_with_suggestions(at)
    page = at.get("iframe")[0].proto.srcdoc
    assert "gemeinsame" in page and "shared partner" not in page


def test_a_large_network_ranks_by_resource_allocation_while_the_learned_model_trains(app_env, monkeypatch):
    import threading

    from graph.suggest.learned import LearnedScorer

    monkeypatch.setenv("PONTES_BACKGROUND_ACTORS", "1")  # every network counts as large
    release = threading.Event()
    fit = LearnedScorer.fit

    def slow_fit(self, cg):
        assert release.wait(60)
        return fit(self, cg)

    monkeypatch.setattr(LearnedScorer, "fit", slow_fit)
    at = start(PAGE)
    first_actor_with_suggestions(at)
    assert any("still learning" in m for m in texts(at.info))
    assert any("Ranked by: Resource allocation" in c for c in texts(at.caption))
    release.set()
    for thread in threading.enumerate():
        if thread.name == "pontes-learned":
            thread.join(60)
    at.run()
    assert not at.exception, at.exception
    assert not any("still learning" in m for m in texts(at.info))
    assert any("Ranked by: Evidence" in c for c in texts(at.caption))  # the learned default, without the history


def test_the_seed_network_shows_bands_and_says_why_there_is_no_percentage(app_env, monkeypatch):
    """Issue 17 as a new user meets it: Ville de Metz on the seed network, in
    English and German; a forum on a topic no actor works on yet."""
    from pontes.settings import REPO_ROOT

    monkeypatch.setenv("PONTES_SEEDS", str(REPO_ROOT / "seeds"))
    at = start(PAGE)
    at.text_input(key="sg_search").set_value("Metz").run()
    at.selectbox(key="sg_actor").select("org:ville-de-metz").run()
    assert not at.exception, at.exception
    assert any("No percentage: this network formed at most 15 new ties a year" in c for c in texts(at.caption))
    cards = [m for m in texts(at.markdown) if m.startswith("**1. ")]
    assert cards == [
        "**1. Trier Advisory Council for Migration and Integration** · Germany · medium evidence · crosses a border"
    ]
    assert not [m for m in texts(at.markdown) if "%" in m]
    reasons = "\n".join(texts(at.markdown))
    assert "Metz and Trier are linked through the QuattroPole network" in reasons
    assert "Crosses a border: France and Germany" in reasons and "local_government" not in reasons

    at.selectbox(key="lang").select("de").run()
    assert not at.exception, at.exception
    reasons = "\n".join(texts(at.markdown))
    assert "mittlere Belege" in reasons and "Grenzüberschreitend: Frankreich und Deutschland" in reasons
    assert any("Keine Prozentangabe" in c for c in texts(at.caption))

    at.selectbox(key="lang").select("en").run()
    at.selectbox(key="sg_f_topic").select("topic:labour-mobility").run()
    assert not at.exception, at.exception
    assert any(m.startswith("No actor works on Labour mobility yet") for m in texts(at.info))
    assert any(m.startswith("Countries covered: France, Germany and Luxembourg.") for m in texts(at.markdown))
    at.multiselect(key="sg_f_countries").select("FR").run()  # the planner's own set
    assert not at.exception, at.exception
    assert "Countries covered: France. Missing: none." in texts(at.markdown)


def test_the_pickers_search_first_and_never_list_every_actor(app_env):
    at = start(PAGE)
    assert at.selectbox(key="sg_actor").options == [] and at.selectbox(key="sg_actor").disabled
    at.text_input(key="sg_search").set_value("Réseau").run()
    assert at.selectbox(key="sg_actor").options == ["Réseau Migration"]
    # the forum's invitees: what was found and what is chosen, nothing else
    assert at.multiselect(key="sg_f_invited").options == []
    at.text_input(key="sg_f_search").set_value("IRT").run()
    at.multiselect(key="sg_f_invited").select("org:institut-regional-du-travail").run()
    at.text_input(key="sg_f_search").set_value("Chambre").run()
    assert at.multiselect(key="sg_f_invited").options == ["Institut Régional du Travail", "Chambre"]
    assert not at.exception


def test_the_actor_in_focus_travels_between_the_explorer_and_the_suggestions(app_env):
    """The explorer's actor is the one the Suggestions page opens on, the actor chosen there is in
    the URL (a shared link opens on it), and the explorer then opens on it; through the page menu,
    which keeps only the language in the URL."""
    from tests.support.app import IRT

    def menu(page):  # the sidebar's page menu: the query keeps the language only
        for name in [k for k in at.query_params if k != "lang"]:
            del at.query_params[name]
        at.switch_page(page).run()

    at = start()
    at.text_input(key="search").set_value("irt").run()  # one hit: in focus
    assert at.selectbox(key="focus").value == IRT.id
    menu(PAGE)
    assert not at.exception
    assert at.selectbox(key="sg_actor").value == IRT.id
    assert at.query_params["focus"] == IRT.id
    at.text_input(key="sg_search").set_value("Integrationsbüro").run()
    chosen = at.selectbox(key="sg_actor").value
    assert chosen != IRT.id and at.query_params["focus"] == chosen
    menu("ui/pages/explorer.py")
    assert not at.exception
    assert at.selectbox(key="focus").value == chosen
