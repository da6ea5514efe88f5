"""Word lists of the rule-based extractor: German, French and English heads of
organisation names, titles and roles of persons, kinds of events and
agreements, first names and dates.

Everything here is general language, not names of the seed network: the
patterns must work on texts Pontes has not seen. Entries are written in their
usual spelling; matching folds case and accents (:func:`graph.ids.fold`).
The lists are data that a reader checks side by side, so they stay in one file.
"""

from __future__ import annotations

from graph.model import EventKind, OrgKind

# -- organisations ----------------------------------------------------------------------------------
#: Words that start an organisation's name and are followed by its proper part
#: ("Stadt Trier", "Landkreis Bernkastel-Wittlich", "Jobcenter Trier", "Ville de Metz").
#: Value: (kind, lemma). Inflected forms are listed where they differ from the lemma.
ORG_HEADS: dict[str, tuple[OrgKind, str]] = {}


def _heads(kind: OrgKind, *forms: str) -> None:
    lemma = forms[0]
    for form in forms:
        ORG_HEADS[form] = (kind, lemma)


_heads(OrgKind.LOCAL_GOVERNMENT, "Stadt", "Städte")
_heads(OrgKind.LOCAL_GOVERNMENT, "Landeshauptstadt")
_heads(OrgKind.LOCAL_GOVERNMENT, "Kreisstadt")
_heads(OrgKind.LOCAL_GOVERNMENT, "Stadtverwaltung")
_heads(OrgKind.LOCAL_GOVERNMENT, "Gemeinde", "Gemeinden")
_heads(OrgKind.LOCAL_GOVERNMENT, "Verbandsgemeinde", "Verbandsgemeinden")
_heads(OrgKind.LOCAL_GOVERNMENT, "Ortsgemeinde")
_heads(OrgKind.LOCAL_GOVERNMENT, "Landkreis", "Landkreises", "Landkreise", "Landkreisen")
_heads(OrgKind.LOCAL_GOVERNMENT, "Eifelkreis", "Eifelkreises")
_heads(OrgKind.LOCAL_GOVERNMENT, "Kreis", "Kreises")
_heads(OrgKind.LOCAL_GOVERNMENT, "Kreisverwaltung")
_heads(OrgKind.LOCAL_GOVERNMENT, "Stadtrat", "Stadtrates", "Stadtrats")
_heads(OrgKind.LOCAL_GOVERNMENT, "Gemeinderat", "Gemeinderates", "Gemeinderats")
_heads(OrgKind.LOCAL_GOVERNMENT, "Kreistag", "Kreistages", "Kreistags")
_heads(OrgKind.LOCAL_GOVERNMENT, "Rathaus", "Rathauses")
_heads(OrgKind.LOCAL_GOVERNMENT, "Ville", "Villes")
_heads(OrgKind.LOCAL_GOVERNMENT, "Mairie")
_heads(OrgKind.LOCAL_GOVERNMENT, "Commune")
_heads(OrgKind.LOCAL_GOVERNMENT, "Communauté de communes")
_heads(OrgKind.LOCAL_GOVERNMENT, "Communauté d'agglomération")
_heads(OrgKind.LOCAL_GOVERNMENT, "Eurométropole")
_heads(OrgKind.LOCAL_GOVERNMENT, "Metz Métropole")
_heads(OrgKind.LOCAL_GOVERNMENT, "Conseil municipal")
_heads(OrgKind.LOCAL_GOVERNMENT, "Conseil départemental")
_heads(OrgKind.LOCAL_GOVERNMENT, "Conseil régional")
_heads(OrgKind.LOCAL_GOVERNMENT, "Région")
_heads(OrgKind.LOCAL_GOVERNMENT, "Département")
_heads(OrgKind.LOCAL_GOVERNMENT, "Province", "Provinz")
_heads(OrgKind.GOVERNMENT, "Landesregierung")
_heads(OrgKind.GOVERNMENT, "Bundesregierung")
_heads(OrgKind.GOVERNMENT, "Ministerium", "Ministeriums")
_heads(OrgKind.GOVERNMENT, "Ministère")
_heads(OrgKind.GOVERNMENT, "Gouvernement")
_heads(OrgKind.GOVERNMENT, "Préfecture")
_heads(OrgKind.PUBLIC_AUTHORITY, "Agentur für Arbeit")
_heads(OrgKind.PUBLIC_AUTHORITY, "Arbeitsagentur")
_heads(OrgKind.PUBLIC_AUTHORITY, "Jobcenter", "Jobcenters")
_heads(OrgKind.PUBLIC_AUTHORITY, "Bundesamt", "Bundesamtes", "Bundesamts")
_heads(OrgKind.PUBLIC_AUTHORITY, "Amt", "Amtes", "Amts")
_heads(OrgKind.PUBLIC_AUTHORITY, "Bundesagentur")
_heads(OrgKind.PUBLIC_AUTHORITY, "Regionaldirektion")
_heads(OrgKind.NETWORK, "Eurodistrict", "Eurodistrikt", "Eurodistrikts")
_heads(OrgKind.NETWORK, "Zweckverband", "Zweckverbandes")  # its own lemma: a Zweckverband is no Eurodistrict
_heads(OrgKind.NETWORK, "Groupement européen de coopération territoriale")
_heads(OrgKind.GOVERNMENT, "Land")
_heads(OrgKind.PUBLIC_AUTHORITY, "Landesamt", "Landesamtes", "Landesamts")
_heads(OrgKind.PUBLIC_AUTHORITY, "Ausländerbehörde")
_heads(OrgKind.PUBLIC_AUTHORITY, "Jugendamt", "Jugendamtes", "Jugendamts")
_heads(OrgKind.PUBLIC_AUTHORITY, "Sozialamt", "Sozialamtes", "Sozialamts")
_heads(OrgKind.PUBLIC_AUTHORITY, "Koordinierungsstelle")
_heads(OrgKind.PUBLIC_AUTHORITY, "Servicestelle")
_heads(OrgKind.PUBLIC_AUTHORITY, "Beratungsstelle")
_heads(OrgKind.PUBLIC_AUTHORITY, "Bildungskoordinationsstelle")
_heads(OrgKind.PUBLIC_AUTHORITY, "Integrationsbüro", "Integrationsbüros")
_heads(OrgKind.PUBLIC_AUTHORITY, "France Travail")
_heads(OrgKind.PUBLIC_AUTHORITY, "Pôle emploi")
_heads(OrgKind.PUBLIC_AUTHORITY, "Agence pour l'emploi")
_heads(OrgKind.PUBLIC_AUTHORITY, "Office")
_heads(OrgKind.PUBLIC_AUTHORITY, "Office national")
_heads(OrgKind.PUBLIC_AUTHORITY, "Agence")
_heads(OrgKind.PUBLIC_AUTHORITY, "Caisse")
_heads(OrgKind.PUBLIC_AUTHORITY, "Fonds")
_heads(OrgKind.PUBLIC_AUTHORITY, "Centre public d'action sociale")
_heads(OrgKind.WORKING_GROUP, "Task Force")
_heads(OrgKind.WORKING_GROUP, "Taskforce")  # as written: "Taskforce Grenzgänger" is no "Task Force"
_heads(OrgKind.PUBLIC_AUTHORITY, "Feuerwehr", "Berufsfeuerwehr")
_heads(OrgKind.PUBLIC_AUTHORITY, "Polizei", "Polizeipräsidium", "Polizeipräsidiums")
_heads(OrgKind.PUBLIC_AUTHORITY, "Service")
_heads(OrgKind.ASSOCIATION, "Mutualité")
_heads(OrgKind.ASSOCIATION, "Syndicat")
_heads(OrgKind.OTHER, "Klinik", "Kliniken")
_heads(OrgKind.OTHER, "Klinikum", "Klinikums")
_heads(OrgKind.OTHER, "Krankenhaus", "Krankenhauses")
_heads(OrgKind.OTHER, "Hôpital")
_heads(OrgKind.OTHER, "Centre hospitalier")
_heads(OrgKind.CHAMBER, "Handwerkskammer")
_heads(OrgKind.CHAMBER, "Industrie- und Handelskammer")
_heads(OrgKind.CHAMBER, "Arbeitskammer")
_heads(OrgKind.CHAMBER, "Landwirtschaftskammer")
_heads(OrgKind.CHAMBER, "Kreishandwerkerschaft")
_heads(OrgKind.CHAMBER, "Chambre de commerce et d'industrie")
_heads(OrgKind.CHAMBER, "Chambre des métiers et de l'artisanat")
_heads(OrgKind.CHAMBER, "Chambre des métiers")
_heads(OrgKind.CHAMBER, "Chambre de métiers")
_heads(OrgKind.CHAMBER, "Chambre de métiers et de l'artisanat")
_heads(OrgKind.CHAMBER, "Chambre des salariés")
_heads(OrgKind.CHAMBER, "Chambre d'agriculture")
_heads(OrgKind.CHAMBER, "Chambre")
_heads(OrgKind.COUNCIL, "Beirat", "Beirates", "Beirats")
_heads(OrgKind.COUNCIL, "Ausländerbeirat", "Ausländerbeirates", "Ausländerbeirats")
_heads(OrgKind.COUNCIL, "Migrationsbeirat", "Migrationsbeirates", "Migrationsbeirats")
_heads(OrgKind.COUNCIL, "Integrationsbeirat", "Integrationsbeirates", "Integrationsbeirats")
_heads(OrgKind.COUNCIL, "Seniorenbeirat", "Seniorenbeirates")
_heads(OrgKind.COUNCIL, "Jugendgemeinderat", "Jugendgemeinderates")
_heads(OrgKind.COUNCIL, "Jugendrat")
_heads(OrgKind.COUNCIL, "Conseil consultatif")
_heads(OrgKind.COUNCIL, "Conseil")
_heads(OrgKind.COUNCIL, "Comité")
_heads(OrgKind.COUNCIL, "Commission")
_heads(OrgKind.WORKING_GROUP, "Arbeitsgruppe", "Arbeitsgruppen")
_heads(OrgKind.WORKING_GROUP, "Arbeitskreis", "Arbeitskreises")
_heads(OrgKind.WORKING_GROUP, "AG")
_heads(OrgKind.WORKING_GROUP, "Groupe de travail")
_heads(OrgKind.WORKING_GROUP, "Lenkungsgruppe")
_heads(OrgKind.WORKING_GROUP, "Steuerungsgruppe")
_heads(OrgKind.NETWORK, "Netzwerk", "Netzwerks", "Netzwerkes")
_heads(OrgKind.NETWORK, "Städtenetz", "Städtenetzes", "Städtenetzwerk")
_heads(OrgKind.NETWORK, "Initiative")
_heads(OrgKind.NETWORK, "Bündnis", "Bündnisses")
_heads(OrgKind.NETWORK, "Réseau")
_heads(OrgKind.NETWORK, "Collectif")
_heads(OrgKind.NETWORK, "Plateforme")
_heads(OrgKind.NETWORK, "Forum")
_heads(OrgKind.ASSOCIATION, "Verein", "Vereins", "Vereines")
_heads(OrgKind.ASSOCIATION, "Förderverein", "Fördervereins")
_heads(OrgKind.ASSOCIATION, "Verband", "Verbandes", "Verbands")
_heads(OrgKind.ASSOCIATION, "Caritasverband", "Caritasverbandes")
_heads(OrgKind.ASSOCIATION, "Diakonisches Werk", "Diakonischen Werkes", "Diakonischen Werk")
_heads(OrgKind.ASSOCIATION, "Association", "Associations")
_heads(OrgKind.ASSOCIATION, "Fédération")
_heads(OrgKind.ASSOCIATION, "Union")
_heads(OrgKind.ASSOCIATION, "Amicale")
_heads(OrgKind.ASSOCIATION, "Maison")
_heads(OrgKind.ASSOCIATION, "Centre social")
_heads(OrgKind.ASSOCIATION, "Centre")
_heads(OrgKind.ASSOCIATION, "Café")
_heads(OrgKind.ASSOCIATION, "Stiftung")
_heads(OrgKind.ASSOCIATION, "Fondation")
_heads(OrgKind.ASSOCIATION, "Quartiersmanagement")
_heads(OrgKind.COOPERATIVE, "Wohnungsgenossenschaft")
_heads(OrgKind.COOPERATIVE, "Genossenschaft")
_heads(OrgKind.COOPERATIVE, "Coopérative")
_heads(OrgKind.SCHOOL, "Berufsbildende Schule", "Berufsbildenden Schule")
_heads(OrgKind.SCHOOL, "Volkshochschule")
_heads(OrgKind.SCHOOL, "Hochschule")
_heads(OrgKind.SCHOOL, "Gymnasium")
_heads(OrgKind.SCHOOL, "Realschule")
_heads(OrgKind.SCHOOL, "Grundschule")
_heads(OrgKind.SCHOOL, "Lycée")
_heads(OrgKind.SCHOOL, "Collège")
_heads(OrgKind.SCHOOL, "École")
_heads(OrgKind.RESEARCH, "Universität", "Universitäten")
_heads(OrgKind.RESEARCH, "Université")
_heads(OrgKind.RESEARCH, "Institut", "Instituts")
# cultural, care and trade institutions, named like schools and hospitals ("Musée gaumais de Virton",
# "Bibliothèque publique de Virton", "Pflegeheim Sauerdall", "Athénée royal de Vielsalm")
_heads(OrgKind.OTHER, "Musée")
_heads(OrgKind.OTHER, "Bibliothèque")
_heads(OrgKind.OTHER, "Médiathèque")
_heads(OrgKind.OTHER, "Théâtre")
_heads(OrgKind.OTHER, "Clinique")
_heads(OrgKind.SCHOOL, "Athénée")
_heads(OrgKind.OTHER, "Pflegeheim")
_heads(OrgKind.OTHER, "Sozialstation")
_heads(OrgKind.OTHER, "Pflegedienst")
_heads(OrgKind.PUBLIC_AUTHORITY, "Wirtschaftsförderung")
_heads(OrgKind.COMPANY, "Firma")
_heads(OrgKind.COMPANY, "Société")
_heads(OrgKind.COMPANY, "Entreprise")

#: English heads of organisation names ("Saarland University", "University of Luxembourg",
#: "Interregional Labour Market Observatory", "Summit of the Greater Region"). English names are
#: title-cased: capitalised words before the head, and an "of"/"for" tail of capitalised words after it.
#: Words that are heads in German or French as well (Union, Forum, Centre before "de") are left to those.
ENGLISH_HEADS: dict[str, OrgKind] = {
    "University": OrgKind.RESEARCH,
    "Institute": OrgKind.RESEARCH,
    "Observatory": OrgKind.RESEARCH,
    "Academy": OrgKind.RESEARCH,
    "Council": OrgKind.COUNCIL,
    "Committee": OrgKind.COUNCIL,
    "Commission": OrgKind.COUNCIL,
    "Board": OrgKind.COUNCIL,
    "Parliament": OrgKind.COUNCIL,
    "Assembly": OrgKind.COUNCIL,
    "Summit": OrgKind.NETWORK,
    "Network": OrgKind.NETWORK,
    "Alliance": OrgKind.NETWORK,
    "Cluster": OrgKind.NETWORK,
    "Chamber": OrgKind.CHAMBER,
    "Agency": OrgKind.PUBLIC_AUTHORITY,
    "Authority": OrgKind.PUBLIC_AUTHORITY,
    "Office": OrgKind.PUBLIC_AUTHORITY,
    "Department": OrgKind.PUBLIC_AUTHORITY,
    "Secretariat": OrgKind.PUBLIC_AUTHORITY,
    "Ministry": OrgKind.GOVERNMENT,
    "Government": OrgKind.GOVERNMENT,
    "Association": OrgKind.ASSOCIATION,
    "Federation": OrgKind.ASSOCIATION,
    "Society": OrgKind.ASSOCIATION,
    "Foundation": OrgKind.ASSOCIATION,
    "Trust": OrgKind.ASSOCIATION,
    "Centre": OrgKind.OTHER,
    "Center": OrgKind.OTHER,
    "School": OrgKind.SCHOOL,
    "College": OrgKind.SCHOOL,
    "Hospital": OrgKind.OTHER,
    "Company": OrgKind.COMPANY,
    "Corporation": OrgKind.COMPANY,
    "Group": OrgKind.COMPANY,
    "Bank": OrgKind.COMPANY,
    "Fund": OrgKind.PUBLIC_AUTHORITY,
    "Library": OrgKind.OTHER,
    "Partners": OrgKind.COMPANY,
}

#: Heads that are whole names by themselves: national bodies named by their head word.
NAMED_HEADS = frozenset({"France Travail", "Pôle emploi", "Chambre des salariés", "Bundesagentur für Arbeit"})
_heads(OrgKind.PUBLIC_AUTHORITY, "Bundesagentur für Arbeit")

#: The last part of a compound that names a body ("Zuwanderungs- und
#: Integrations*büro*", "Flüchtlings*rat*"): with a proper part or a
#: place before or after it, the compound is an organisation.
ORG_SUFFIXES: dict[str, OrgKind] = {
    "beirat": OrgKind.COUNCIL,
    "rat": OrgKind.COUNCIL,
    "ausschuss": OrgKind.COUNCIL,
    "verein": OrgKind.ASSOCIATION,
    "verband": OrgKind.ASSOCIATION,
    "kammer": OrgKind.CHAMBER,
    "büro": OrgKind.PUBLIC_AUTHORITY,
    "stelle": OrgKind.PUBLIC_AUTHORITY,
    "amt": OrgKind.PUBLIC_AUTHORITY,
    "behörde": OrgKind.PUBLIC_AUTHORITY,
    "direktion": OrgKind.PUBLIC_AUTHORITY,
    "agentur": OrgKind.PUBLIC_AUTHORITY,
    "verwaltung": OrgKind.LOCAL_GOVERNMENT,
    "ministerium": OrgKind.GOVERNMENT,
    "zentrum": OrgKind.ASSOCIATION,
    "netzwerk": OrgKind.NETWORK,
    "netz": OrgKind.NETWORK,
    "initiative": OrgKind.NETWORK,
    "genossenschaft": OrgKind.COOPERATIVE,
    "gesellschaft": OrgKind.COMPANY,
    "stiftung": OrgKind.ASSOCIATION,
    "schule": OrgKind.SCHOOL,
    "hochschule": OrgKind.SCHOOL,
    "werk": OrgKind.ASSOCIATION,
    "arbeitsgruppe": OrgKind.WORKING_GROUP,
    "forum": OrgKind.NETWORK,
    "klinik": OrgKind.OTHER,
    "klinikum": OrgKind.OTHER,
    "krankenhaus": OrgKind.OTHER,
    "feuerwehr": OrgKind.PUBLIC_AUTHORITY,
    "kanzlei": OrgKind.GOVERNMENT,
    "gericht": OrgKind.PUBLIC_AUTHORITY,
    "versicherung": OrgKind.PUBLIC_AUTHORITY,
    "kasse": OrgKind.PUBLIC_AUTHORITY,
    "dienst": OrgKind.OTHER,
    "pflegeheim": OrgKind.OTHER,
    "seniorenheim": OrgKind.OTHER,
    "altenheim": OrgKind.OTHER,
    "sozialstation": OrgKind.OTHER,
    "werft": OrgKind.COMPANY,
    "brauerei": OrgKind.COMPANY,
    "museum": OrgKind.OTHER,
    "bibliothek": OrgKind.OTHER,
}

#: Legal forms written after a name ("Dounia e.V.", "Nordlicht GmbH", "Amitié ASBL").
LEGAL_FORMS: dict[str, OrgKind] = {
    "e.V.": OrgKind.ASSOCIATION,
    "e. V.": OrgKind.ASSOCIATION,
    "eV": OrgKind.ASSOCIATION,
    "gGmbH": OrgKind.COMPANY,
    "GmbH": OrgKind.COMPANY,
    "AG": OrgKind.COMPANY,
    "eG": OrgKind.COOPERATIVE,
    "KG": OrgKind.COMPANY,
    "ASBL": OrgKind.ASSOCIATION,
    "a.s.b.l.": OrgKind.ASSOCIATION,
    "asbl": OrgKind.ASSOCIATION,
    "VoG": OrgKind.ASSOCIATION,
    "V.o.G.": OrgKind.ASSOCIATION,
    "AISBL": OrgKind.ASSOCIATION,
    "SARL": OrgKind.COMPANY,
    "SA": OrgKind.COMPANY,
    "SAS": OrgKind.COMPANY,
    # the European grouping of territorial cooperation, in its three languages ("MoselLink EGTC")
    "EGTC": OrgKind.NETWORK,
    "EVTZ": OrgKind.NETWORK,
    "GECT": OrgKind.NETWORK,
    "Ltd": OrgKind.COMPANY,
    "S.A.": OrgKind.COMPANY,
    "S.à r.l.": OrgKind.COMPANY,
}

#: Bodies known by one word everywhere (not a gazetteer of the region: national
#: welfare organisations whose name carries no head word).
KNOWN_BODIES: dict[str, tuple[OrgKind, str]] = {
    "Caritas": (OrgKind.NGO, "Caritas"),
    "Diakonie": (OrgKind.NGO, "Diakonie"),
    "DRK": (OrgKind.NGO, "Deutsches Rotes Kreuz"),
    "Deutsches Rotes Kreuz": (OrgKind.NGO, "Deutsches Rotes Kreuz"),
    "Deutschen Roten Kreuz": (OrgKind.NGO, "Deutsches Rotes Kreuz"),
    "Deutsche Rote Kreuz": (OrgKind.NGO, "Deutsches Rotes Kreuz"),
    "Deutschen Roten Kreuzes": (OrgKind.NGO, "Deutsches Rotes Kreuz"),
    "AWO": (OrgKind.NGO, "Arbeiterwohlfahrt"),
    "Arbeiterwohlfahrt": (OrgKind.NGO, "Arbeiterwohlfahrt"),
    "Croix-Rouge": (OrgKind.NGO, "Croix-Rouge"),
    "Secours populaire": (OrgKind.NGO, "Secours populaire"),
    "Secours catholique": (OrgKind.NGO, "Secours catholique"),
    "Emmaüs": (OrgKind.NGO, "Emmaüs"),
    "Cimade": (OrgKind.NGO, "Cimade"),
}

#: Capitalised words that never start or end a name (articles, pronouns, sentence openers).
NOT_NAMES = frozenset(
    """
    Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Und Oder Aber Auch Als Am Im In An Auf Aus Bei Mit
    Nach Von Vom Zum Zur Für Über Unter Vor Seit Bis Durch Gegen Ohne Um Wie Wo Was Wer Wir Sie Er Es Ich Ihr
    Dort Hier Dabei Damit Dazu Deshalb Denn Doch Dass Diese Dieser Dieses Diesem Diesen Jede Jeder Jedes Alle
    Neben Nachdem Während Wenn Weil Ob So Sowie Bereits Insgesamt Rund Fast Etwa Über Ferner Zudem Außerdem
    Heute Gestern Morgen Nun Jetzt Noch Schon Nur Sehr Mehr Weitere Weiteren Neue Neuen Erste Ersten Zweite
    Le La Les Un Une Des Du De Et Ou Mais Dans Sur Avec Pour Par En Au Aux Ce Cette Ces Son Sa Ses Leur Leurs
    Il Elle Ils Elles Nous Vous On Qui Que Quoi Dont Où Lors Depuis Selon Ainsi Après Avant Entre Chez Sans
    The A An And Or Of In On At To For With By From This That These Those It Its Their Our We They He She
    Herr Frau Dr Prof Monsieur Madame Mme Mlle Anfang Mitte Ende Beginn Montag Dienstag Mittwoch Donnerstag Freitag
    Samstag Sonntag Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Uhr Thema Themen Vormittag Nachmittag Mittag
    Abend Wochenende
    """.split()
)

# -- persons ----------------------------------------------------------------------------------------
#: Forms of address and academic titles before a name.
TITLES = ("Prof. Dr.", "Prof.", "Dr.", "Dr. h.c.", "Dipl.-Ing.", "Dr", "Pr", "Pr.", "Professor", "Professorin")
ADDRESS = ("Herr", "Herrn", "Frau", "M.", "Mme", "Mme.", "Madame", "Monsieur", "Mr", "Mr.", "Mrs", "Ms", "Me")

#: Role nouns (German and French, both genders) and the English role Pontes records.
#: ``public`` roles are offices held in public: a person named in one is a public role holder.
ROLES: dict[str, tuple[str, bool]] = {}


def _role(english: str, public: bool, *forms: str) -> None:
    for form in forms:
        ROLES[form] = (english, public)


_role("head of government", True, "Ministerpräsident", "Ministerpräsidentin", "Ministerpräsidenten")
_role("minister", True, "Minister", "Ministerin", "ministre", "Staatssekretär", "Staatssekretärin")
_role("mayor", True, "Oberbürgermeister", "Oberbürgermeisterin", "Bürgermeister", "Bürgermeisterin", "maire")
_role("mayor", True, "Bürgermeisters", "Oberbürgermeisters", "bourgmestre", "Bourgmestre")
_role(
    "deputy mayor",
    True,
    "Beigeordneter",
    "Beigeordnete",
    "adjoint au maire",
    "adjointe au maire",
    "adjoint",
    "adjointe",
)
_role("district administrator", True, "Landrat", "Landrätin", "Landrates", "Landrats")
_role("prefect", True, "préfet", "préfète")
_role("chair", True, "Vorsitzende", "Vorsitzender", "Vorsitzenden", "Vorsitzendes")
_role("chair", True, "président", "présidente", "Präsident", "Präsidentin", "Präsidenten")
_role(
    "deputy chair",
    True,
    "stellvertretende Vorsitzende",
    "stellvertretender Vorsitzender",
    "vice-président",
    "vice-présidente",
)
_role("head", True, "Leiter", "Leiterin", "Leiters", "Amtsleiter", "Amtsleiterin", "Dezernent", "Dezernentin")
_role("head", True, "Studiengangsleiter", "Studiengangsleiterin", "Institutsleiter", "Institutsleiterin")
_role("deputy chair", True, "Vizepräsident", "Vizepräsidentin", "Vizepräsidenten")
_role("alderman", True, "Schöffe", "Schöffin", "échevin", "échevine")
_role("managing director", True, "Generaldirektor", "Generaldirektorin", "Verbandsvorsteher", "Verbandsvorsteherin")
_role(
    "head",
    True,
    "directeur",
    "directrice",
    "Direktor",
    "Direktorin",
    "chef de service",
    "cheffe de service",
    "responsable",
)
_role(
    "managing director", True, "Geschäftsführer", "Geschäftsführerin", "Hauptgeschäftsführer", "Hauptgeschäftsführerin"
)
_role("managing director", True, "directeur général", "directrice générale", "délégué général", "déléguée générale")
_role(
    "team leader",
    True,
    "Teamleiter",
    "Teamleiterin",
    "Abteilungsleiter",
    "Abteilungsleiterin",
    "Referatsleiter",
    "Referatsleiterin",
)
_role("project leader", False, "Projektleiter", "Projektleiterin", "chef de projet", "cheffe de projet")
_role("coordinator", True, "Koordinator", "Koordinatorin", "coordinateur", "coordinatrice")
_role("refugee coordinator", True, "Flüchtlingskoordinator", "Flüchtlingskoordinatorin")
_role("integration officer", True, "Integrationsbeauftragte", "Integrationsbeauftragter", "Integrationsbeauftragten")
_role("commissioner", True, "Beauftragte", "Beauftragter", "déléguée", "délégué")
_role("spokesperson", True, "Sprecher", "Sprecherin", "porte-parole")
_role("representative", False, "Vertreter", "Vertreterin", "représentant", "représentante")
_role("neighbourhood manager", False, "Quartiersmanager", "Quartiersmanagerin")
_role("member", False, "Mitglied", "membre")
_role("adviser", False, "Berater", "Beraterin", "conseiller", "conseillère", "chargé de mission", "chargée de mission")
_role("councillor", True, "Stadtrat", "Stadträtin", "Ratsmitglied", "conseiller municipal", "conseillère municipale")
_role("social worker", False, "Sozialarbeiter", "Sozialarbeiterin", "travailleur social", "travailleuse sociale")
_role("secretary", True, "secrétaire général", "secrétaire générale", "secrétaire", "Schriftführer", "Schriftführerin")
_role("treasurer", False, "Schatzmeister", "Schatzmeisterin", "trésorier", "trésorière")
_role("volunteer", False, "Ehrenamtliche", "Ehrenamtlicher", "bénévole")
_role("teacher", False, "Lehrer", "Lehrerin", "enseignant", "enseignante")
# English roles, as written before or after a name ("Mayor Jeff Gloden", "Caroline Metzler, managing director of ...")
_role("mayor", True, "Mayor", "mayor", "Lord Mayor")
_role("chair", True, "chairman", "chairwoman", "chairperson", "Chairman", "Chairwoman", "President", "president")
_role("deputy chair", True, "Vice President", "Vice-President", "vice president", "vice-president")
_role("managing director", True, "managing director", "Managing Director", "director general", "Director General")
_role("head", True, "head", "director", "Director")
_role("coordinator", True, "coordinator", "Coordinator")

#: Common first names of the region (German, French, Luxembourgish, and of
#: its larger immigrant communities). A capitalised word after one of these
#: is read as a surname; unknown first names still count after a title or role.
FIRST_NAMES = frozenset(
    """
    Adam Adrian Ahmed Ahmet Aisha Alain Albert Alexander Alexandra Alexandre Alfred Ali Alice Alina Aline Amélie Amina
    Anas Andrea Andreas André Andrée Angela Angelika Anja Anke Ann Anna Anne Annette Annick Anton Antoine Armin Arnaud
    Astrid Aurélie Axel Aylin Aziz Barbara Bastian Beate Benedikt Benjamin Benoît Bernadette Bernd Bernard Bernhard
    Bertrand Bettina Birgit Björn Brigitte Bruno Camille Carina Carla Carmen Caroline Catherine Cécile Céline Chantal
    Charles Charlotte Christa Christian Christiane Christine Christoph Christophe Claire Clara Claude Claudia Claudine
    Corinne Cornelia Dagmar Damien Daniel Daniela Danielle David Denis Denise Detlef Diana Didier Dieter Dirk Dominik
    Dominique Doris Dorothea Edith Elena Elias Elif Elisabeth Elke Ella Emil Emilie Emily Emma Emmanuel Emre Eric Erik
    Erika Ernst Esther Eva Fabian Fabienne Fabrice Fatima Fatma Felix Florence Florian Francis Franck François
    Françoise Frank Franz Frédéric Frédérique Friedrich Gabriele Gaël Georg Georges Gérard Gerd Gerhard Gertrud
    Gilbert Gilles Gisela Guido Guillaume Günter Günther Gustav Guy Hakan Hannah Hannelore Hans Harald Hassan Heike
    Heinz Helga Helmut Henri Herbert Hélène Hermann Hildegard Horst Hubert Hugo Ibrahim Ilse Ina Ines Ingeborg Ingo
    Ingrid Irene Iris Isabelle Jacqueline Jacques Jakob Jan Jana Jean Jeanne Jens Jérôme Joachim Johanna Johannes
    Jonas Jörg Josef Joseph Josiane Jules Julia Julian Julie Julien Jürgen Justine Jutta Kai Karim Karin Karl Karola
    Katharina Kathrin Katja Katrin Kerstin Khalid Klaus Konrad Kristina Laura Laurence Laurent Lea Léa Lena Leo Léon
    Leon Lisa Louis Louise Luc Luca Lucas Lucie Ludwig Luis Luisa Lukas Lutz Magali Malu Manfred Manon Manuel Manuela
    Marc Marcel Marco Marcus Margit Margot Maria Marianne Marie Marina Marine Mario Marion Marius Mark Markus Marlene
    Martha Martin Martina Mathias Mathilde Matthias Maurice Max Maximilian Mehmet Melanie Mélanie Meryem Michael
    Michaela Michel Michèle Michelle Mohamed Mohammed Monika Monique Mustafa Nadia Nadine Naima Natalie Nathalie
    Nicolas Nicole Niklas Nina Noah Norbert Olaf Olga Oliver Olivier Omar Oskar Pascal Pascale Patricia Patrick Paul
    Paula Pauline Peter Petra Philipp Philippe Pia Pierre Rainer Ralf Ralph Raphaël Regina Reinhard Renate René Richard
    Rita Robert Roger Roland Rolf Romain Rosa Rudolf Ruth Sabine Sabrina Samir Sandra Sandrine Sara Sarah Sascha Sebastian
    Sébastien Selin Serge Silke Simon Simone Sonja Sophie Stefan Stefanie Stéphane Stéphanie Steffen Stephan Susanne
    Suzanne Sven Sylvie Tanja Thierry Thomas Thorsten Tim Timo Tobias Torsten Udo Ulla Ulrich Ulrike Ursula Uta Ute
    Uwe Valentin Valérie Vanessa Véronique Veronika Victor Vincent Virginie Volker Walter Werner Wilhelm Willi Wolfgang
    Xavier Yannick Yasmin Youssef Yusuf Yvonne Zeynep Tom Ben Nils Lars Finn Jonas Leonie Marie-Claire Jean-Marc
    Jean-Pierre Jean-Luc Jean-Claude Marie-Thérèse Anne-Marie Pol Jos Gaston Fernand Nico Carlo Claudio Luc Tanja
    """.split()
)

#: Particles inside names ("Maria de Jesus Duran Kremer", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "von", "van", "der", "den", "du", "la", "le", "ten", "zu", "el", "al", "bin"}
)

# -- events and agreements --------------------------------------------------------------------------
#: Head nouns of events and the kind they mean (German and French, inflected forms listed).
EVENT_HEADS: dict[str, EventKind] = {}


def _event(kind: EventKind, *forms: str) -> None:
    for form in forms:
        EVENT_HEADS[form] = kind


_event(EventKind.CONFERENCE, "Konferenz", "Regionalkonferenz", "Fachkonferenz", "Tagung", "Fachtagung", "Kongress")
_event(EventKind.CONFERENCE, "conférence", "congrès", "assises", "Conférence")
_event(EventKind.ROUND_TABLE, "Runder Tisch", "Runden Tisch", "Runden Tisches")
_event(EventKind.ROUND_TABLE, "table ronde", "Table ronde")
_event(EventKind.WORKSHOP, "Workshop", "Auftaktworkshop", "Werkstatt", "atelier", "Atelier")
_event(EventKind.EXPERT_TALK, "Fachgespräch", "Expertengespräch", "Podiumsdiskussion")
_event(EventKind.EXPERT_TALK, "Fachforum", "débat", "table-ronde")
_event(
    EventKind.MEETING, "Treffen", "Koordinierungstreffen", "Sitzung", "Ratssitzung", "Stadtratssitzung", "Versammlung"
)
_event(
    EventKind.MEETING,
    "Mitgliederversammlung",
    "Austausch",
    "réunion",
    "séance",
    "assemblée générale",
    "rencontre",
    "Réunion",
)
_event(EventKind.INFO_EVENT, "Veranstaltung", "Informationsveranstaltung", "Infoveranstaltung", "Auftaktveranstaltung")
_event(
    EventKind.INFO_EVENT,
    "Gemeinschaftsveranstaltung",
    "Informationsabend",
    "Bürgerversammlung",
    "soirée",
    "journée",
    "Journée",
)
_event(EventKind.COLLOQUIUM, "Kolloquium", "Symposium", "colloque", "séminaire", "Seminar", "Colloque")
_event(
    EventKind.PROJECT,
    "Projekt",
    "Projekts",
    "Projektes",
    "Flüchtlingsprojekt",
    "Integrationsprojekt",
    "Modellprojekt",
    "projet",
)
_event(EventKind.PROJECT, "Programm", "Programms", "Programmes", "programme", "Programme", "Patenschaftsprogramm")
_event(EventKind.SURVEY, "Umfrage", "Befragung", "enquête", "sondage")
_event(EventKind.OTHER, "Festival", "Fest", "fête", "Messe", "salon", "Forum", "forum")
_event(EventKind.OTHER, "Ausstellung", "Empfang", "Exkursion")
_event(EventKind.OTHER, "Übung", "exercice")  # exercises of rescue services
_event(EventKind.INFO_EVENT, "Sprechstunde", "Sprechtag", "permanence", "permanences")

#: French event heads (lower case): also written with a capital ("Rencontre transfrontalière ...", "Séance du ..."),
#: and named by the adjectives and "de ..." after them (:func:`graph.intake.mentions._events`).
FRENCH_EVENT_HEADS = frozenset(
    "conférence congrès assises atelier débat table-ronde réunion séance rencontre soirée journée colloque séminaire "
    "fête salon forum exercice permanence permanences exposition inauguration foire webinaire festival".split()
    + ["table ronde", "assemblée générale"]
)
_event(EventKind.OTHER, "exposition", "foire", "festival")
_event(EventKind.INFO_EVENT, "inauguration", "webinaire")
for _form in FRENCH_EVENT_HEADS:
    EVENT_HEADS.setdefault(_form[0].upper() + _form[1:], EVENT_HEADS[_form])

# English (an English event is named by the title-cased words before its head or by "on ..." after it)
ENGLISH_EVENT_HEADS: dict[str, EventKind] = {}
for _kind, _forms in (
    (EventKind.CONFERENCE, "conference Conference congress Congress convention summit Summit"),
    (EventKind.WORKSHOP, "workshop workshops Workshops summer school Summer School winter school training course"),
    (EventKind.EXPERT_TALK, "keynote Keynote"),
    (EventKind.MEETING, "meeting Meeting assembly Assembly"),
    (EventKind.ROUND_TABLE, "round table Round Table panel Panel"),
    (EventKind.COLLOQUIUM, "seminar Seminar symposium Symposium colloquium"),
    (EventKind.INFO_EVENT, "information session open day Open Day webinar Webinar"),
    (EventKind.OTHER, "exhibition Exhibition fair Fair festival Forum forum Day Days"),
):
    for _form in _forms.replace("summer school", "summer_school").replace("Summer School", "Summer_School").replace(
        "winter school", "winter_school").replace("training course", "training_course").replace(
        "round table", "round_table").replace("Round Table", "Round_Table").replace(
        "information session", "information_session").replace("open day", "open_day").replace("Open Day", "Open_Day").split():  # fmt: skip
        ENGLISH_EVENT_HEADS[_form.replace("_", " ")] = _kind
#: English heads that are no German or French event word ("convention" is a French agreement).
ENGLISH_ONLY_EVENT_HEADS = frozenset(k for k in ENGLISH_EVENT_HEADS if k not in EVENT_HEADS)
EVENT_HEADS.update({k: v for k, v in ENGLISH_EVENT_HEADS.items() if k not in EVENT_HEADS})

#: Occasions: events only where a sentence opens with them and their date ("Zur Eröffnung am Mittwoch
#: kamen ...", "Zum Auftakt am 5. November spricht ...", "Lors de l'inauguration le 3 mai ...").
OCCASIONS = frozenset({"Eröffnung", "Auftakt", "Einweihung", "Spatenstich", "inauguration", "Inauguration"})
for _form in OCCASIONS:
    EVENT_HEADS.setdefault(_form, EventKind.INFO_EVENT)
#: Event heads that only name an event together with a date or a title.
WEAK_EVENT_HEADS = frozenset(
    {
        "Projekt",
        "projet",
        "Austausch",
        "rencontre",
        "Forum",
        "forum",
        "Treffen",
        "journée",
        "Fest",
        "meeting",
        "panel",
        "fair",
        *OCCASIONS,
    }
)

#: Head nouns of agreements and decisions.
AGREEMENT_HEADS = frozenset(
    """
    Vereinbarung Kooperationsvereinbarung Rahmenvereinbarung Zielvereinbarung Integrationsvereinbarung
    Kooperationsvertrag Vertrag Abkommen Partnerschaftsabkommen Absichtserklärung Charta Konvention Pakt Beschluss
    Stadtratsbeschluss Resolution Kooperation Partnerschaft Städtepartnerschaft
    convention accord charte protocole partenariat pacte contrat jumelage délibération résolution
    Convention Accord Charte Protocole Partenariat Pacte Contrat Jumelage
    """.split()
)

# -- dates ------------------------------------------------------------------------------------------
MONTHS: dict[str, int] = {
    "januar": 1,
    "jänner": 1,
    "janvier": 1,
    "january": 1,
    "jan": 1,
    "februar": 2,
    "février": 2,
    "fevrier": 2,
    "february": 2,
    "feb": 2,
    "févr": 2,
    "märz": 3,
    "maerz": 3,
    "mars": 3,
    "march": 3,
    "april": 4,
    "avril": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "juin": 6,
    "june": 6,
    "juli": 7,
    "juillet": 7,
    "july": 7,
    "august": 8,
    "août": 8,
    "aout": 8,
    "september": 9,
    "septembre": 9,
    "sept": 9,
    "oktober": 10,
    "octobre": 10,
    "october": 10,
    "okt": 10,
    "november": 11,
    "novembre": 11,
    "nov": 11,
    "dezember": 12,
    "décembre": 12,
    "decembre": 12,
    "december": 12,
    "dez": 12,
    "déc": 12,
}

# -- languages --------------------------------------------------------------------------------------
#: Frequent function words, for telling a text's language.
STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das und den dem des ist nicht mit sich auf für ein eine im zu von wird werden auch bei".split()
    ),
    "fr": frozenset(
        "le la les et des du un une est pour dans sur avec par au aux qui que sont ont été ce cette".split()
    ),
    "en": frozenset("the and of to in is for on with that by was are be this from at has have which".split()),
}

#: Abbreviations of bodies whose full name is a head word: "IHK Trier" is the
#: Industrie- und Handelskammer Trier.
ABBREVIATIONS: dict[str, str] = {
    "IHK": "Industrie- und Handelskammer",
    "HWK": "Handwerkskammer",
    "BAMF": "Bundesamt für Migration und Flüchtlinge",
    "VHS": "Volkshochschule",
    "BBS": "Berufsbildende Schule",
    "CCI": "Chambre de commerce et d'industrie",
    "CMA": "Chambre des métiers et de l'artisanat",
    "CPAS": "Centre public d'action sociale",
    "CAF": "Caisse d'allocations familiales",
    "CPAM": "Caisse primaire d'assurance maladie",
}

#: French heads of organisation names, whose proper part may be common nouns
#: joined by prepositions ("Maison de l'emploi", "Office national de l'accueil").
FRENCH_HEADS = frozenset(
    """Ville Villes Mairie Commune Communauté Eurométropole Conseil Région Département Gouvernement Préfecture Ministère
    Agence Office Caisse Fonds Province Hôpital Chambre Service Mutualité Association Fédération Union Amicale Maison Centre Institut Université Collège Lycée
    École Société Entreprise Fondation Réseau Collectif Plateforme Comité Commission Groupement Land Syndicat
    Musée Bibliothèque Médiathèque Théâtre Clinique Athénée""".split()
)
#: French words that introduce a body's name in running text, in lower case
#: ("l'association Dounia", "l'ASBL Espace Amitié", "le centre culturel Kulturfabrik").
FRENCH_LOWER_HEADS = (
    "association",
    "ASBL",
    "asbl",
    "centre culturel",
    "centre social",
    "collectif",
    "fondation",
    "réseau",
    "maison de quartier",
    "syndicat",
    "tiers-lieu",
    "entreprise",
    "société",
    "coopérative",
)
#: Endings of German compounds that name an event ("Netzwerktreffen", "Fachtagung").
EVENT_SUFFIXES = ("treffen", "konferenz", "tagung", "workshop", "gespräch", "veranstaltung", "sitzung", "kolloquium",
                  "versammlung", "fachtag", "diskussion", "forum", "tag", "messe", "fest", "festival", "ausstellung",
                  "seminar", "kongress", "symposium", "empfang")  # fmt: skip
#: Words ending in "tag" that name no event: days, times of day, parliaments and councils.
NOT_EVENT_DAYS = frozenset(
    """Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Feiertag Werktag Wochentag Alltag Vortag Folgetag
    Stichtag Mittag Vormittag Nachmittag Geburtstag Jahrestag Landtag Kreistag Bundestag Bezirkstag Reichstag
    Landtags Kreistags Bundestags Bezirkstags Landtages Kreistages Bundestages Vertrag Beitrag Antrag Auftrag
    Ertrag Betrag Nachtrag Anträge Manifest""".split()
)
