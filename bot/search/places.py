"""Place names: countries and cities where émigrés live, travel through or come from.

Geography is context, not a topic. "Погода в Тбилиси" or "register a car in Serbia"
share only the place name with the library, and an article that mentions Tbilisi is
not about the weather. The engine therefore counts these words as weak terms: they
still break ties between articles, but they cannot carry a question's coverage (and so
an answer) on their own.

One form per word is enough (matching is by stem, and synonym groups that contain a
place, such as "грузия, georgian, sakartvelo", become weak as a whole). Only single
words are listed: parts of multi-word names ("нови сад", "new york") would also match
ordinary words. Words whose stem is an ordinary word ("вена", "бали", "бар") are left out,
and so is Ukraine: helping Ukrainians is one of the library's topics.
"""

from __future__ import annotations

PLACES: frozenset[str] = frozenset(
    {
        # Russia and its regions and cities
        "россия", "российский", "рф", "russia", "russian", "москва", "московский",
        "подмосковье", "moscow", "питер", "петербург", "спб", "ленинград", "petersburg",
        "екатеринбург", "новосибирск", "казань", "краснодар", "тверь", "сибирь", "siberia",
        # South Caucasus
        "грузия", "georgia", "тбилиси", "tbilisi", "батуми", "batumi", "кутаиси", "kutaisi",
        "армения", "armenia", "ереван", "yerevan", "гюмри", "gyumri", "азербайджан",
        "azerbaijan", "баку", "baku", "абхазия", "abkhazia",
        # Central Asia
        "казахстан", "kazakhstan", "алматы", "almaty", "астана", "astana",
        "кыргызстан", "киргизия", "kyrgyzstan", "бишкек", "bishkek", "узбекистан",
        "uzbekistan", "ташкент", "tashkent", "самарканд", "samarkand", "таджикистан",
        "tajikistan", "душанбе", "dushanbe", "туркменистан", "turkmenistan", "монголия",
        "mongolia",
        # Turkey, Middle East, Asia
        "турция", "turkey", "türkiye", "стамбул", "istanbul", "анталья", "анталия",
        "antalya", "алания", "alanya", "анкара", "ankara", "израиль", "israel",
        "хайфа", "haifa", "оаэ", "uae", "эмираты", "emirates", "дубай", "dubai",
        "кипр", "cyprus", "лимассол", "limassol", "ларнака", "larnaca",
        "таиланд", "тайланд", "thailand", "бангкок", "bangkok", "пхукет", "phuket",
        "паттайя", "pattaya", "вьетнам", "vietnam", "индонезия", "indonesia", "bali",
        "малайзия", "malaysia", "индия", "india", "гоа", "goa",
        "китай", "china", "япония", "japan", "корея", "korea", "сеул", "seoul", "египет",
        "egypt", "катар", "qatar",
        # Balkans and Eastern Europe
        "сербия", "serbia", "белград", "belgrade", "beograd", "черногория", "montenegro",
        "будва", "budva", "подгорица", "podgorica", "тиват", "tivat", "босния",
        "bosnia", "хорватия", "croatia", "словения", "slovenia", "македония", "macedonia",
        "албания", "albania", "болгария", "bulgaria", "румыния", "romania", "молдова",
        "молдавия", "moldova", "кишинев", "chisinau", "беларусь", "белоруссия", "belarus",
        "минск", "minsk",
        # EU and the rest of Europe
        "европа", "europe", "ес", "eu", "евросоюз", "германия", "germany", "берлин",
        "berlin", "мюнхен", "munich", "франция", "france", "париж", "paris", "польша",
        "poland", "варшава", "warsaw", "литва", "lithuania", "вильнюс", "vilnius", "латвия",
        "latvia", "рига", "riga", "эстония", "estonia", "таллин", "таллинн", "tallinn",
        "финляндия", "finland", "хельсинки", "helsinki", "нидерланды", "netherlands",
        "голландия", "holland", "амстердам", "amsterdam", "бельгия", "belgium", "испания",
        "spain", "барселона", "barcelona", "мадрид", "madrid", "валенсия", "valencia",
        "португалия", "portugal", "лиссабон", "lisbon", "италия", "italy", "рим", "rome",
        "греция", "greece", "афины", "athens", "чехия", "czechia", "прага", "prague",
        "австрия", "austria", "vienna", "швейцария", "switzerland", "венгрия", "hungary",
        "будапешт", "budapest", "словакия", "slovakia", "дания", "denmark", "швеция",
        "sweden", "норвегия", "norway", "ирландия", "ireland", "великобритания",
        "британия", "англия", "britain", "england", "uk", "лондон", "london",
        # Americas
        "сша", "америка", "штаты", "usa", "america", "канада", "canada", "мексика",
        "mexico", "аргентина", "argentina", "бразилия", "brazil", "чили",
        "chile", "уругвай", "uruguay",
    }
)  # fmt: skip

# ISO 3166-1 alpha-2 code of the country a place name points to: the names of the
# country and of its cities. Adjectives ("российский", "german") are not listed: "a
# Russian passport" or "German lessons" do not name a country the question is about.
# Regions with no single country ("европа", "сибирь" is Russian though) are left out.
CODES: dict[str, tuple[str, ...]] = {
    "RU": ("россия", "рф", "russia", "москва", "подмосковье", "moscow", "питер", "петербург",
           "спб", "ленинград", "petersburg", "екатеринбург", "новосибирск", "казань",
           "краснодар", "тверь", "сибирь", "siberia", "rossiya"),
    "GE": ("грузия", "georgia", "тбилиси", "tbilisi", "батуми", "batumi", "кутаиси", "kutaisi",
           "gruziya", "sakartvelo"),
    "AM": ("армения", "armenia", "ереван", "yerevan", "erevan", "гюмри", "gyumri", "armeniya"),
    "AZ": ("азербайджан", "azerbaijan", "баку", "baku"),
    "KZ": ("казахстан", "kazakhstan", "алматы", "almaty", "астана", "astana", "kazahstan"),
    "KG": ("кыргызстан", "киргизия", "kyrgyzstan", "бишкек", "bishkek", "kirgizia",
           "kirgiziya"),
    "UZ": ("узбекистан", "uzbekistan", "ташкент", "tashkent", "самарканд", "samarkand"),
    "TJ": ("таджикистан", "tajikistan", "душанбе", "dushanbe"),
    "TM": ("туркменистан", "turkmenistan"),
    "MN": ("монголия", "mongolia"),
    "TR": ("турция", "turkey", "türkiye", "turkiye", "turciya", "стамбул", "istanbul",
           "stambul", "анталья", "анталия", "antalya", "алания", "alanya", "анкара", "ankara"),
    "IL": ("израиль", "israel", "izrail", "хайфа", "haifa"),
    "AE": ("оаэ", "uae", "эмираты", "emirates", "дубай", "dubai"),
    "CY": ("кипр", "cyprus", "лимассол", "limassol", "ларнака", "larnaca"),
    "TH": ("таиланд", "тайланд", "thailand", "бангкок", "bangkok", "пхукет", "phuket",
           "паттайя", "pattaya"),
    "VN": ("вьетнам", "vietnam"),
    "ID": ("индонезия", "indonesia", "bali"),
    "MY": ("малайзия", "malaysia"),
    "IN": ("индия", "india", "гоа", "goa"),
    "CN": ("китай", "china"),
    "JP": ("япония", "japan"),
    "KR": ("корея", "korea", "сеул", "seoul"),
    "EG": ("египет", "egypt"),
    "QA": ("катар", "qatar"),
    "RS": ("сербия", "serbia", "serbiya", "белград", "belgrade", "beograd"),
    "ME": ("черногория", "montenegro", "chernogoriya", "будва", "budva", "подгорица",
           "podgorica", "тиват", "tivat"),
    "BA": ("босния", "bosnia"),
    "HR": ("хорватия", "croatia"),
    "SI": ("словения", "slovenia"),
    "MK": ("македония", "macedonia"),
    "AL": ("албания", "albania"),
    "BG": ("болгария", "bulgaria"),
    "RO": ("румыния", "romania"),
    "MD": ("молдова", "молдавия", "moldova", "кишинев", "chisinau"),
    "BY": ("беларусь", "белоруссия", "belarus", "минск", "minsk"),
    "DE": ("германия", "germany", "deutschland", "germaniya", "берлин", "berlin", "мюнхен",
           "munich"),
    "FR": ("франция", "france", "париж", "paris"),
    "PL": ("польша", "poland", "polsha", "варшава", "warsaw"),
    "LT": ("литва", "lithuania", "litva", "вильнюс", "vilnius"),
    "LV": ("латвия", "latvia", "latviya", "рига", "riga"),
    "EE": ("эстония", "estonia", "таллин", "таллинн", "tallinn"),
    "FI": ("финляндия", "finland", "finlyandiya", "хельсинки", "helsinki"),
    "NL": ("нидерланды", "netherlands", "голландия", "holland", "амстердам", "amsterdam"),
    "BE": ("бельгия", "belgium"),
    "ES": ("испания", "spain", "барселона", "barcelona", "мадрид", "madrid", "валенсия",
           "valencia"),
    "PT": ("португалия", "portugal", "лиссабон", "lisbon"),
    "IT": ("италия", "italy", "рим", "rome"),
    "GR": ("греция", "greece", "афины", "athens"),
    "CZ": ("чехия", "czechia", "прага", "prague"),
    "AT": ("австрия", "austria", "vienna"),
    "CH": ("швейцария", "switzerland"),
    "HU": ("венгрия", "hungary", "будапешт", "budapest"),
    "SK": ("словакия", "slovakia"),
    "DK": ("дания", "denmark"),
    "SE": ("швеция", "sweden"),
    "NO": ("норвегия", "norway"),
    "IE": ("ирландия", "ireland"),
    "GB": ("великобритания", "британия", "англия", "britain", "england", "uk", "лондон",
           "london"),
    "US": ("сша", "америка", "штаты", "usa", "america"),
    "CA": ("канада", "canada"),
    "MX": ("мексика", "mexico"),
    "AR": ("аргентина", "argentina"),
    "BR": ("бразилия", "brazil"),
    "CL": ("чили", "chile"),
    "UY": ("уругвай", "uruguay"),
}  # fmt: skip

# Every named place is weak, whether or not it points to one country.
PLACES = PLACES | frozenset(word for words in CODES.values() for word in words)
