"""The input language check (dyads.readers.language): short and long texts, written for these tests."""
from __future__ import annotations

import pytest
import yaml

from dyads.readers.language import LANGUAGES_FILE, MIN_WORDS, check_profiles, non_english_reason

# headline plus two sentences
SHORT = {
    "Turkish": ("Türkiye ile Azerbaycan yeni demiryolu hattı için anlaşma imzaladı. Ulaştırma Bakanı, projenin "
                "iki ülke arasındaki ticareti artıracağını söyledi. Hattın inşaatına önümüzdeki yıl başlanması "
                "bekleniyor."),
    "Azerbaijani": ("Azərbaycan və Türkiyə yeni dəmir yolu xətti üçün saziş imzalayıb. Nəqliyyat naziri layihənin "
                    "iki ölkə arasında ticarəti artıracağını bildirib. Xəttin tikintisinə gələn il başlanılması "
                    "gözlənilir."),
    "Spanish": ("El Gobierno de Perú declara el estado de emergencia en Lima. La medida se tomó tras una semana de "
                "protestas contra el alza de los precios del combustible. Según el ministro del Interior, las "
                "fuerzas de seguridad patrullarán las calles durante treinta días."),
    "German": ("Deutschland und Polen vereinbaren engere Zusammenarbeit an der Grenze. Die Innenminister beider "
               "Länder unterzeichneten am Montag in Berlin ein entsprechendes Abkommen. Die Polizei soll künftig "
               "gemeinsame Streifen in den Grenzregionen durchführen."),
    "Indonesian": ("Indonesia dan Malaysia sepakat memperkuat patroli bersama di Selat Malaka. Menteri Pertahanan "
                   "kedua negara mengatakan kesepakatan itu ditandatangani di Jakarta pada hari Selasa. Patroli "
                   "tersebut akan dimulai bulan depan."),
    "Swahili": ("Kenya na Tanzania zakubaliana kufungua tena mpaka wa Namanga. Mawaziri wa biashara wa nchi hizo "
                "mbili walisema uamuzi huo ulifikiwa katika mkutano uliofanyika Arusha siku ya Jumanne. "
                "Wafanyabiashara wamepongeza hatua hiyo."),
}

LONG = {
    "Turkish": """Ankara'da dün yapılan toplantıda Dışişleri Bakanı, bölgedeki gerginliğin azaltılması için yeni bir
diplomatik girişim başlatılacağını açıkladı. Bakan, komşu ülkelerle ilişkilerin güçlendirilmesinin hükümetin
öncelikleri arasında olduğunu belirtti.

Toplantıya katılan heyetler, sınır kapılarının yeniden açılması ve enerji hatlarının ortak kullanımı gibi
konuları ele aldı. Yetkililer, görüşmelerin olumlu bir havada geçtiğini ve bir sonraki turun gelecek ay
İstanbul'da yapılacağını söyledi.

Muhalefet partileri ise girişimin ayrıntılarının kamuoyuyla paylaşılmasını istedi. Bir milletvekili, anlaşmanın
meclis onayına sunulması gerektiğini dile getirdi. Uzmanlar da sürecin uzun sürebileceğini, ancak iki taraf için
de önemli fırsatlar sunduğunu vurguladı.""",
    "Azerbaijani": """Bakıda keçirilən görüşdə xarici işlər naziri regionda sülhün möhkəmləndirilməsi üçün yeni
təşəbbüslərin hazırlandığını bildirib. Nazir qeyd edib ki, qonşu dövlətlərlə əməkdaşlığın genişləndirilməsi
hökumətin əsas prioritetlərindən biridir.

Görüşdə iştirak edən nümayəndə heyətləri sərhəd keçid məntəqələrinin açılması və enerji layihələri üzrə birgə
işin davam etdirilməsi məsələlərini müzakirə ediblər. Rəsmilər danışıqların konstruktiv şəraitdə keçdiyini və
növbəti görüşün gələn ay Gəncədə olacağını deyiblər.

Müxalifət partiyaları isə təşəbbüsün təfərrüatlarının ictimaiyyətə açıqlanmasını tələb edib. Ekspertlər hesab
edirlər ki, proses uzun çəkə bilər, lakin hər iki tərəf üçün mühüm imkanlar yaradır.""",
    "Spanish": """Miles de personas marcharon este jueves por el centro de Santiago para exigir una reforma del
sistema de pensiones. Los manifestantes, convocados por varios sindicatos, recorrieron las principales avenidas
de la capital sin que se registraran incidentes graves.

El presidente afirmó en una rueda de prensa que el Gobierno presentará un proyecto de ley antes de fin de mes y
pidió a los partidos de la oposición que apoyen la iniciativa en el Congreso. Sin embargo, los dirigentes
sindicales advirtieron que mantendrán las movilizaciones hasta que se conozcan los detalles de la propuesta.

Según datos oficiales, la pensión media apenas supera el salario mínimo, y muchos jubilados dependen de la ayuda
de sus familias para cubrir sus gastos básicos.""",
    "German": """Die Bundesregierung hat am Mittwoch ein neues Hilfspaket für die von den Überschwemmungen
betroffenen Regionen im Süden des Landes beschlossen. Nach Angaben des Finanzministeriums sollen in den kommenden
Wochen rund zwei Milliarden Euro bereitgestellt werden, um zerstörte Straßen, Brücken und Schulen wieder
aufzubauen.

Der Kanzler besuchte am Nachmittag eine der am schwersten getroffenen Gemeinden und sprach mit Einsatzkräften und
Anwohnern. Er versprach, dass die Mittel schnell und ohne unnötige Bürokratie bei den Menschen ankommen würden.

Vertreter der Opposition kritisierten jedoch, dass die Regierung zu spät reagiert habe. Sie forderten eine
unabhängige Untersuchung, warum die Warnungen der Wetterdienste nicht früher an die Bevölkerung weitergegeben
worden seien.""",
    "Indonesian": """Ribuan mahasiswa menggelar unjuk rasa di depan gedung parlemen di Jakarta pada hari Kamis untuk
menolak rancangan undang-undang yang dinilai membatasi kebebasan pers. Para demonstran membawa spanduk dan
menyanyikan lagu-lagu perjuangan sambil menunggu perwakilan mereka diterima oleh anggota dewan.

Juru bicara pemerintah mengatakan bahwa rancangan tersebut masih dalam tahap pembahasan dan pemerintah terbuka
terhadap masukan dari masyarakat. Namun, sejumlah organisasi wartawan menilai bahwa beberapa pasal dalam rancangan
itu dapat digunakan untuk menjerat jurnalis yang mengkritik pejabat.

Polisi menyatakan bahwa aksi berlangsung damai dan tidak ada penangkapan. Unjuk rasa serupa juga dilaporkan
terjadi di Yogyakarta, Bandung dan Makassar.""",
    "Swahili": """Maelfu ya wananchi walijitokeza katika mitaa ya Dar es Salaam siku ya Jumamosi kushiriki
maandamano ya amani kupinga kupanda kwa bei ya mafuta. Waandamanaji walibeba mabango yenye ujumbe unaoitaka
serikali kupunguza kodi kwenye bidhaa muhimu.

Msemaji wa serikali alisema kuwa serikali inafahamu changamoto zinazowakabili wananchi na kwamba mazungumzo na
wadau mbalimbali yanaendelea. Aliongeza kuwa hatua za muda mfupi zitatangazwa katika wiki ijayo.

Viongozi wa vyama vya upinzani walisema wataendelea kushinikiza mabadiliko hadi bei zitakaposhuka. Polisi
walisema maandamano hayo yalifanyika kwa utulivu na hakuna mtu aliyekamatwa.""",
}

ENGLISH = {
    "short": ("Turkey and Azerbaijan sign railway deal. The transport ministers of the two countries signed the "
              "agreement in Baku on Tuesday. Construction is expected to begin next year."),
    "foreign names": ("Erdoğan meets Əliyev in Şuşa. President Recep Tayyip Erdoğan and President İlham Əliyev "
                      "discussed the Zəngəzur corridor and energy projects on Friday, Azerbaijani state media said."),
    "quoting Spanish": ('Peru\'s president said on Monday that "el Gobierno no permitirá más bloqueos de las '
                        'carreteras" and ordered police to clear the roads around Lima, officials said.'),
    "Spanish place names": ("Police in San José de las Matas and Santiago de los Caballeros arrested six people "
                            "after clashes near the Plaza de la Cultura on Sunday, the Dominican interior ministry "
                            "said."),
    "Indonesian names": ("Prabowo Subianto met Joko Widodo at the Istana Merdeka in Jakarta on Wednesday to "
                         "discuss the transition, a spokesman for Partai Gerakan Indonesia Raya said."),
    "Swahili names": ("Chama cha Mapinduzi won the vote in Zanzibar, and opposition leader Tundu Lissu of "
                      "Chadema said his party would challenge the result in court."),
    "long": "\n\n".join([
        "The foreign ministers of Turkey and Azerbaijan met in Ankara on Monday to discuss a new rail link "
        "between the two countries, officials said. The project, which has been planned for years, would "
        "connect the Caspian coast with ports on the Mediterranean.",
        "Opposition lawmakers in both capitals asked for details of the financing. A spokesman for the "
        "Turkish transport ministry said the costs would be shared and that work could start next spring.",
        "Analysts in Istanbul and Baku said the line would shorten freight journeys and might draw traffic "
        "from routes through Russia and Iran, although much depends on the security situation in the region.",
    ]),
}


@pytest.mark.parametrize("language", sorted(SHORT))
def test_short_non_english_texts_are_named(language):
    assert len(SHORT[language].split()) < 45                 # a headline and two sentences
    assert non_english_reason(SHORT[language]) == language


@pytest.mark.parametrize("language", sorted(LONG))
def test_long_non_english_texts_are_named(language):
    assert len(LONG[language].split()) > 60
    assert non_english_reason(LONG[language]) == language
    assert non_english_reason(LONG[language] * 20) == language   # beyond the sample, too


@pytest.mark.parametrize("kind", sorted(ENGLISH))
def test_english_stays_english(kind):
    assert non_english_reason(ENGLISH[kind]) is None


def test_an_english_story_quoting_a_paragraph_stays_english():
    for language, text in LONG.items():
        story = "\n\n".join([ENGLISH["long"], text.split("\n\n")[0], ENGLISH["long"]])
        assert non_english_reason(story) is None, language


def test_very_short_texts_are_not_judged():
    words = SHORT["Spanish"].split()[:MIN_WORDS - 1]
    assert non_english_reason(" ".join(words)) is None
    assert non_english_reason(" ".join(SHORT["Spanish"].split()[:MIN_WORDS + 6])) == "Spanish"


def test_language_profiles_schema():
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    assert check_profiles(data) == []
    assert {"English", "Turkish", "Azerbaijani", "Spanish", "German", "Indonesian", "Swahili"} <= set(data["languages"])
    broken = {"languages": {"English": {"words": ["The", "the"] + [f"w{'x' * i}" for i in range(20)], "letters": "1"},
                            "Klingon": {"words": ["qapla"]}}}
    problems = check_profiles(broken)
    assert any("'The'" in p for p in problems) and any("letters" in p for p in problems)
    assert any(p.startswith("Klingon:") for p in problems)
    assert check_profiles({"languages": {"Spanish": data["languages"]["Spanish"]}}) == ["English is missing"]
