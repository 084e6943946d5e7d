package country

// aliases are names Parse knows beyond CLDR's English and native ones:
// other common English names, official long names, and names in the
// languages of the countries this service is most concerned with. Names of
// North Korea matter most: spoofed profiles never claim it, but their
// documents, addresses and messages leak it.
var aliases = map[string]Code{
	// North Korea
	"DPRK": "KP", "Democratic People's Republic of Korea": "KP", "Korea DPR": "KP", "Korea, North": "KP",
	"Korea (North)": "KP", "N. Korea": "KP", "조선": "KP", "조선민주주의인민공화국": "KP", "북조선": "KP",
	"朝鲜": "KP", "朝鮮": "KP", "北朝鲜": "KP", "北朝鮮": "KP", "Северная Корея": "KP", "КНДР": "KP",
	// South Korea
	"Korea": "KR", "Republic of Korea": "KR", "Korea, South": "KR", "Korea (South)": "KR", "ROK": "KR",
	"S. Korea": "KR", "한국": "KR", "남한": "KR", "韩国": "KR", "韓国": "KR", "韓國": "KR", "Южная Корея": "KR",
	// China, Taiwan, Hong Kong, Macao
	"PRC": "CN", "People's Republic of China": "CN", "Mainland China": "CN", "中华人民共和国": "CN",
	"中國": "CN", "中国大陆": "CN", "Китай": "CN", "중국": "CN", "ROC": "TW", "Republic of China": "TW",
	"台湾": "TW", "臺灣": "TW", "台灣": "TW", "Hong Kong SAR": "HK", "香港": "HK", "Macau": "MO", "澳门": "MO", "澳門": "MO",
	// Japan
	"Nippon": "JP", "Nihon": "JP", "にほん": "JP", "にっぽん": "JP", "일본": "JP", "Япония": "JP",
	// United States, United Kingdom
	"USA": "US", "U.S.A.": "US", "U.S.": "US", "America": "US", "United States of America": "US",
	"美国": "US", "美國": "US", "アメリカ": "US", "미국": "US", "США": "US",
	"UK": "GB", "U.K.": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB",
	"Wales": "GB", "Northern Ireland": "GB", "英国": "GB", "イギリス": "GB", "영국": "GB", "Великобритания": "GB",
	// Eastern Europe, Russia
	"Russian Federation": "RU", "Россия": "RU", "Росія": "RU", "俄罗斯": "RU", "러시아": "RU", "ロシア": "RU",
	"Украина": "UA", "Belarus": "BY", "Беларусь": "BY", "Byelorussia": "BY", "Moldova": "MD",
	"Czech Republic": "CZ", "Czechia": "CZ", "Slovak Republic": "SK", "Macedonia": "MK",
	"Polska": "PL", "Польша": "PL", "Lietuva": "LT", "Latvija": "LV", "Eesti": "EE",
	// Others often named in other ways
	"Holland": "NL", "The Netherlands": "NL", "Deutschland": "DE", "ドイツ": "DE", "독일": "DE", "德国": "DE",
	"Viet Nam": "VN", "Việt Nam": "VN", "越南": "VN", "베트남": "VN", "Burma": "MM", "Laos": "LA", "Lao PDR": "LA",
	"Iran": "IR", "Islamic Republic of Iran": "IR", "Persia": "IR", "ایران": "IR", "Syria": "SY",
	"Syrian Arab Republic": "SY", "Cuba": "CU", "UAE": "AE", "United Arab Emirates": "AE", "Emirates": "AE",
	"Ivory Coast": "CI", "Cape Verde": "CV", "East Timor": "TL", "Swaziland": "SZ", "Turkey": "TR",
	"Türkiye": "TR", "Vatican": "VA", "Brasil": "BR", "España": "ES", "México": "MX", "Philippines": "PH",
	"Pilipinas": "PH", "Singapura": "SG", "新加坡": "SG", "싱가포르": "SG", "シンガポール": "SG",
	"Mongolia": "MN", "Монгол": "MN", "Монголия": "MN", "蒙古": "MN", "Kyrgyzstan": "KG", "Кыргызстан": "KG",
	"Kazakhstan": "KZ", "Казахстан": "KZ", "Uzbekistan": "UZ", "Oʻzbekiston": "UZ", "Laos PDR": "LA",
	"Cambodia": "KH", "Kampuchea": "KH", "Thailand": "TH", "ประเทศไทย": "TH", "Canada": "CA",
	"Kosovo": "XK", "Nigeria": "NG", "Ukraina": "UA",
}

// extraLanguages lists the languages of countries where more than one is
// in everyday written use; every other country gets CLDR's likeliest one.
var extraLanguages = map[Code][]string{
	"BE": {"nl", "fr", "de"}, "BY": {"be", "ru"}, "CA": {"en", "fr"}, "CH": {"de", "fr", "it"},
	"CN": {"zh"}, "CY": {"el", "tr"}, "EE": {"et", "ru"}, "ES": {"es", "ca", "gl", "eu"}, "FI": {"fi", "sv"},
	"HK": {"zh", "en"}, "IE": {"en", "ga"}, "IL": {"he", "ar"}, "IN": {"hi", "en", "bn", "te", "mr", "ta"},
	"KE": {"sw", "en"}, "KG": {"ky", "ru"}, "KZ": {"kk", "ru"}, "LU": {"lb", "fr", "de"}, "LV": {"lv", "ru"},
	"MD": {"ro", "ru"}, "MO": {"zh", "pt"}, "MT": {"mt", "en"}, "MY": {"ms", "en", "zh"}, "NG": {"en", "ha", "yo", "ig"},
	"NZ": {"en", "mi"}, "PH": {"tl", "en"}, "PK": {"ur", "en"}, "SG": {"en", "zh", "ms", "ta"},
	"TW": {"zh"}, "UA": {"uk", "ru"}, "US": {"en", "es"}, "ZA": {"en", "af", "zu", "xh"}, "GH": {"en"},
	"CM": {"fr", "en"}, "RW": {"rw", "en", "fr"}, "UG": {"en", "sw"}, "LK": {"si", "ta"}, "AF": {"fa", "ps"},
	"IQ": {"ar", "ku"}, "MA": {"ar", "fr"}, "DZ": {"ar", "fr"}, "TN": {"ar", "fr"}, "LB": {"ar", "fr"},
	"PY": {"es", "gn"}, "BO": {"es", "qu"}, "PE": {"es", "qu"}, "UZ": {"uz", "ru"}, "TJ": {"tg", "ru"},
	"AM": {"hy", "ru"}, "GE": {"ka", "ru"}, "AZ": {"az", "ru"}, "MN": {"mn"}, "RS": {"sr"}, "BA": {"bs", "hr", "sr"},
	"ME": {"sr"}, "MK": {"mk", "sq"}, "XK": {"sq", "sr"},
}

// oldZones are time-zone names from the tz database's 'backward' file that
// browsers still report, with their countries.
var oldZones = map[string]Code{
	"Asia/Calcutta": "IN", "Asia/Saigon": "VN", "Asia/Katmandu": "NP", "Asia/Rangoon": "MM",
	"Europe/Kiev": "UA", "Asia/Harbin": "CN", "Asia/Chongqing": "CN", "Asia/Chungking": "CN",
	"Asia/Kashgar": "CN", "Asia/Macao": "MO", "Asia/Ulan_Bator": "MN", "Asia/Dacca": "BD",
	"Asia/Thimbu": "BT", "Asia/Ujung_Pandang": "ID", "Asia/Tel_Aviv": "IL", "Asia/Istanbul": "TR",
	"Europe/Belfast": "GB", "America/Buenos_Aires": "AR", "America/Indianapolis": "US",
	"America/Louisville": "US", "US/Eastern": "US", "US/Central": "US", "US/Mountain": "US",
	"US/Pacific": "US", "US/Alaska": "US", "US/Hawaii": "US", "Canada/Eastern": "CA",
	"Canada/Pacific": "CA", "Japan": "JP", "ROK": "KR", "PRC": "CN", "ROC": "TW", "Hongkong": "HK",
	"Singapore": "SG", "Europe/Nicosia": "CY", "Australia/ACT": "AU", "Australia/NSW": "AU",
	"Asia/Choibalsan": "MN", "Europe/Uzhgorod": "UA", "Europe/Zaporozhye": "UA",
}
