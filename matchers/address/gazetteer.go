package address

import "github.com/idcheck/idcheck/country"

// cities are the cities of the countries this service sees most, in Latin
// letters and in their own scripts. A city name alone places an address in
// a country when it names no country.
var cities = map[country.Code][]string{
	"JP": {"Tokyo", "東京", "東京都", "Osaka", "大阪", "Yokohama", "横浜", "Nagoya", "名古屋", "Sapporo", "札幌",
		"Fukuoka", "福岡", "Kobe", "神戸", "Kyoto", "京都", "Kawasaki", "川崎", "Saitama", "さいたま", "Sendai", "仙台",
		"Chiba", "千葉", "Hiroshima", "広島", "Meguro", "目黒", "Shibuya", "渋谷", "Shinjuku", "新宿", "Minato-ku", "港区"},
	"KR": {"Seoul", "서울", "서울특별시", "Busan", "부산", "Incheon", "인천", "Daegu", "대구", "Daejeon", "대전",
		"Gwangju", "광주", "Ulsan", "울산", "Suwon", "수원", "Seongnam", "성남", "Gangnam", "강남", "Jeju", "제주"},
	"KP": {"Pyongyang", "평양", "平壤", "Пхеньян", "Sinuiju", "신의주", "新义州", "Kaesong", "개성", "Rason", "라선",
		"Rajin", "Chongjin", "청진", "Hamhung", "함흥", "Wonsan", "원산", "Nampo", "남포"},
	"CN": {"Beijing", "北京", "Shanghai", "上海", "Shenzhen", "深圳", "Guangzhou", "广州", "Dandong", "丹东", "丹東",
		"Shenyang", "沈阳", "瀋陽", "Yanji", "延吉", "Yanbian", "延边", "延邊", "Hunchun", "珲春", "琿春", "Tumen", "图们",
		"圖們", "Dalian", "大连", "大連", "Harbin", "哈尔滨", "Changchun", "长春", "Tianjin", "天津", "Hangzhou", "杭州",
		"Chengdu", "成都", "Wuhan", "武汉", "Nanjing", "南京", "Xi'an", "西安", "Chongqing", "重庆", "Suzhou", "苏州",
		"Qingdao", "青岛", "Xiamen", "厦门", "Kunming", "昆明", "Liaoning", "辽宁", "Jilin", "吉林"},
	"TW": {"Taipei", "台北", "臺北", "Kaohsiung", "高雄", "Taichung", "台中"},
	"HK": {"Kowloon", "九龍", "Wan Chai", "灣仔", "Tsim Sha Tsui"},
	"RU": {"Moscow", "Москва", "Saint Petersburg", "St. Petersburg", "Санкт-Петербург", "Vladivostok", "Владивосток",
		"Khabarovsk", "Хабаровск", "Novosibirsk", "Новосибирск", "Yekaterinburg", "Екатеринбург", "Kazan", "Казань",
		"Nakhodka", "Находка", "Ussuriysk", "Уссурийск"},
	"UA": {"Kyiv", "Kiev", "Київ", "Киев", "Lviv", "Львів", "Kharkiv", "Харків", "Odesa", "Odessa", "Одеса",
		"Dnipro", "Дніпро", "Zaporizhzhia", "Запоріжжя", "Vinnytsia", "Вінниця"},
	"BY": {"Minsk", "Мінск", "Минск"},
	"PL": {"Warsaw", "Warszawa", "Krakow", "Kraków", "Wroclaw", "Wrocław", "Gdansk", "Gdańsk", "Poznan", "Poznań",
		"Lodz", "Łódź", "Katowice", "Lublin", "Szczecin"},
	"RO": {"Bucharest", "București", "Bucuresti", "Cluj-Napoca", "Timisoara", "Timișoara", "Iasi", "Iași"},
	"BG": {"Sofia", "София", "Plovdiv", "Пловдив", "Varna", "Варна"},
	"RS": {"Belgrade", "Beograd", "Београд", "Novi Sad"},
	"LT": {"Vilnius", "Kaunas", "Klaipeda", "Klaipėda"},
	"US": {"New York", "Los Angeles", "San Francisco", "Chicago", "Seattle", "Houston", "Austin", "Boston",
		"Dallas", "Miami", "Atlanta", "Denver", "Phoenix", "San Diego", "San Jose", "Philadelphia", "Brooklyn",
		"Portland", "Nashville", "Las Vegas", "Minneapolis", "Detroit"},
	"DE": {"Berlin", "Munich", "München", "Hamburg", "Frankfurt", "Cologne", "Köln", "Stuttgart", "Düsseldorf", "Leipzig"},
	"GB": {"London", "Manchester", "Birmingham", "Edinburgh", "Glasgow", "Leeds", "Bristol", "Liverpool"},
	"FR": {"Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Bordeaux", "Lille"},
	"NL": {"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag"},
	"ES": {"Madrid", "Barcelona", "Valencia", "Sevilla", "Seville", "Malaga", "Málaga"},
	"IT": {"Rome", "Roma", "Milan", "Milano", "Naples", "Napoli", "Turin", "Torino", "Florence", "Firenze"},
	"CA": {"Toronto", "Vancouver", "Montreal", "Montréal", "Calgary", "Ottawa", "Edmonton"},
	"AU": {"Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"},
	"IN": {"Mumbai", "Bangalore", "Bengaluru", "New Delhi", "Delhi", "Hyderabad", "Chennai", "Pune", "Kolkata"},
	"VN": {"Hanoi", "Hà Nội", "Ho Chi Minh City", "Saigon", "Da Nang", "Đà Nẵng"},
	"LA": {"Vientiane", "ວຽງຈັນ"},
	"KH": {"Phnom Penh"},
	"TH": {"Bangkok", "กรุงเทพ"},
	"AE": {"Dubai", "Abu Dhabi", "Sharjah"},
	"MN": {"Ulaanbaatar", "Ulan Bator", "Улаанбаатар"},
	"SG": {"Jurong", "Tampines", "Woodlands"},
	"PH": {"Manila", "Quezon City", "Makati", "Cebu"},
	"MY": {"Kuala Lumpur"},
	"ID": {"Jakarta"},
	"BR": {"São Paulo", "Sao Paulo", "Rio de Janeiro"},
	"MX": {"Mexico City", "Ciudad de México", "Guadalajara", "Monterrey"},
	"AR": {"Buenos Aires"},
	"NG": {"Lagos", "Abuja"},
	"KZ": {"Almaty", "Астана", "Astana", "Алматы"},
	"TR": {"Istanbul", "İstanbul", "Ankara"},
	"IL": {"Tel Aviv"},
	"CZ": {"Prague", "Praha", "Brno"},
	"HU": {"Budapest"},
	"AT": {"Vienna", "Wien"},
	"CH": {"Zurich", "Zürich", "Geneva", "Genève", "Basel"},
	"SE": {"Stockholm", "Gothenburg", "Göteborg"},
	"IE": {"Dublin", "Cork"},
	"PT": {"Lisbon", "Lisboa", "Porto"},
	"GE": {"Tbilisi"},
	"EE": {"Tallinn"},
	"LV": {"Riga"},
}

// hubs are cities that US and South Korean advisories name as bases of
// North Korean IT workers abroad, by their English names.
var hubs = map[string][]string{
	"Dandong": {"丹东", "丹東"}, "Shenyang": {"沈阳", "瀋陽"}, "Yanji": {"延吉"}, "Yanbian": {"延边", "延邊"},
	"Hunchun": {"珲春", "琿春"}, "Tumen": {"图们", "圖們"}, "Vladivostok": {"Владивосток"},
	"Khabarovsk": {"Хабаровск"}, "Ussuriysk": {"Уссурийск"}, "Nakhodka": {"Находка"},
}

// ambiguous are country names that are also places or words inside other
// countries (Georgia and New Jersey in the US, Lebanon in Pennsylvania): an
// address names these countries only when one is its whole last part.
var ambiguous = map[string]bool{"georgia": true, "jersey": true, "mexico": true, "lebanon": true, "jordan": true,
	"chad": true, "panama": true, "peru": true, "guinea": true, "niger": true, "turkey": true, "cuba": true}
