"""graph.contact: the one detector of e-mail addresses and phone numbers, on a
corpus of positives (with the usual disguises) and of negatives that must pass."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.contact import find_contact_data

EMAILS = [
    "anna.muster@stadt-trier.de",
    "Kontakt: info@irt.example.org",
    "anna.muster [at] trier [dot] de",
    "anna.muster(at)trier.de",
    "anna {at} trier.de",
    "anna.muster <at> trier <dot> de",
    "anna.muster at trier dot de",
    "anna ät trier punkt de",
    "contact (arobase) mairie-metz.fr",
    "ａｎｎａ＠ｔｒｉｅｒ．ｄｅ",  # fullwidth
    "anna＠trier.de",
    "mailto:anna%40trier.de",
    "<a href='mailto:x'>schreiben</a>",
    "MAILTO:someone",
    "Schreiben Sie an: j.dupont@ville.lu bis Freitag",
]

PHONES = [
    "0651 123456",
    "0651/123456",
    "0651-12 34 56",
    "0651.12.34.56",
    "(0651) 718-1234",
    "+49 651 718 1234",
    "+49 (0) 651 7181234",
    "+352 26 12 34 56",
    "0033 3 87 55 50 00",
    "03 87 55 50 00",
    "0651\u2011718\u20111234",  # non-breaking hyphens
    "0651\u00a0718\u00a01234",  # no-break spaces
    "０６５１　７１８１２３４",  # fullwidth digits and space
    "Tel. 718 1234",
    "Tél. : 87 55 50 00",
    "Telefon: 7181234",
    "Fax 718-1235",
    "Handy 0171 2345678",
    "GSM: 621 123 456",
]

NEGATIVES = [
    "Integrationskonzept der Stadt Trier",
    "2016-12-01",
    "01.12.2016",
    "1.12.2016",
    "am 19.11.2015 um 15:00 Uhr",
    "2015–2017",
    "2015-2017",
    "seit 2008",
    "54290 Trier",
    "L-1728 Luxembourg",
    "F-57000 Metz",
    "D-66111 Saarbrücken",
    "PIC 999616262",
    "Grant agreement 101004701",
    "Projekt H2020-MSCA-ITN-2018 / 813114",
    "ANR-19-CE41-0001",
    "RCN 221856",
    "Aktenzeichen 0815/2016",
    "EU-Beitrag 1.234.567,89 €",
    "€ 2 500 000",
    "0,5 Mio. Euro",
    "rund 100 Vertreter, über 150 Gäste",
    "Raum 0.12, Gebäude C",
    "Workshop @ Rathaus",  # an @ without an address
    "die Gruppe @home",
    "Meeting at Trier in 2016",  # 'at' in running English text
    "Stadt + Land",
    "Version 1.0.0",
    "ISBN 978-3-16-148410-0",
    "https://www.trier.de/integration",
    "QuattroPole: Luxemburg, Metz, Saarbrücken, Trier",
    "Fax-Abruf nicht möglich",
    "Das Telefon klingelte",
]


@pytest.mark.parametrize("text", EMAILS)
def test_email_addresses_and_their_disguises_are_found(text):
    assert find_contact_data(text) == "e-mail"


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers_and_their_disguises_are_found(text):
    assert find_contact_data(text) == "phone"


@pytest.mark.parametrize("text", NEGATIVES)
def test_dates_codes_amounts_and_plain_text_pass(text):
    assert find_contact_data(text) is None


_SEP = st.sampled_from([" ", "-", ".", "/", "\u2011", "\u00a0", ""])


@st.composite
def phone_numbers(draw):
    prefix = draw(st.sampled_from(["0", "+49 ", "+352 ", "+33 ", "0049 ", "(0", "+49 (0)"]))
    groups = draw(st.lists(st.text("0123456789", min_size=2, max_size=4), min_size=3, max_size=4))
    body = draw(_SEP).join(groups)
    if prefix == "(0":
        body = groups[0] + ") " + "".join(groups[1:])
    number = prefix + body
    digits = sum(c.isdigit() for c in number)
    least = 8 if number.startswith(("+", "00")) else 9  # a trunk 0 needs 9 digits (see graph/contact.py)
    if not least <= digits <= 15:
        number = prefix + "651" + " " + "7181234"
    return number


@settings(max_examples=300, deadline=None)
@given(number=phone_numbers(), before=st.sampled_from(["", "Ruf an: ", "Büro ", "(", "Tel "]))
def test_generated_phone_numbers_are_found(number, before):
    assert find_contact_data(before + number) == "phone"


@st.composite
def addresses(draw):
    word = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
    local = draw(word) + draw(st.sampled_from(["", ".", "_", "-"])) + draw(word)
    domain = draw(word)
    tld = draw(st.sampled_from(["de", "fr", "lu", "eu", "org", "com"]))
    at = draw(st.sampled_from(["@", " [at] ", "(at)", " (at) ", " {at} ", "＠", " at "]))
    dot = draw(st.sampled_from([".", " [dot] ", "(dot)", " dot "]))
    return f"{local}{at}{domain}{dot}{tld}"


@settings(max_examples=300, deadline=None)
@given(address=addresses(), around=st.sampled_from(["{}", "E-Mail: {}", "Anfragen an {} bitte", "<{}>"]))
def test_generated_addresses_are_found(address, around):
    assert find_contact_data(around.format(address)) == "e-mail"


@settings(max_examples=300, deadline=None)
@given(
    year=st.integers(1, 9999),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    amount=st.integers(0, 10**9),
    code=st.integers(1, 10**9),
)
def test_generated_dates_amounts_and_codes_pass(year, month, day, amount, code):
    for text in (
        f"{year:04d}-{month:02d}-{day:02d}",
        f"{day:02d}.{month:02d}.{year:04d}",
        f"{day}.{month}.{year}",
        f"{amount:,} €".replace(",", "."),
        f"PIC {code}",
        f"{year:04d}–{min(year + 3, 9999):04d}",
    ):
        assert find_contact_data(text) is None, text
