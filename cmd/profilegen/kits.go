package main

// kit is what an ordinary resident of one country has: names, addresses,
// phone numbers, banks, mail providers and the language they write.
type kit struct {
	code     string
	lang     string
	tz       string
	given    []string
	surnames []string
	// addresses hold "%d" for a house number.
	addresses []string
	// phones are prefixes after which random digits follow to total
	// digits; the generator keeps only numbers libphonenumber finds valid.
	phones []phonePattern
	// bank: an IBAN "prefix" (country, then letters the BBAN starts with)
	// and format, or a BIC for countries without IBANs.
	ibanBank string // e.g. "NLINGB" — country code then the bank's letters
	bic      string
	mail     []string
	ip       string // a documentation address used for this country's logins
}

type phonePattern struct {
	prefix string
	digits int // digits after the prefix
}

var kits = map[string]kit{
	"JP": {code: "JP", lang: "ja", tz: "Asia/Tokyo",
		given: []string{"Haruto", "Yui", "Sota", "Hina", "Kenji", "Sakura", "Ren", "Aoi"}, surnames: []string{"Sato", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura"},
		addresses: []string{"%d-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan", "〒530-0001 大阪府大阪市北区梅田%d-1-3", "%d-4-1 Chuo, Aoba-ku, Sendai 980-0021, Japan", "〒150-0002 東京都渋谷区渋谷%d-21-1"},
		phones:    []phonePattern{{"+81 90", 8}, {"+81 80", 8}, {"+81 70", 8}}, bic: "MHCBJPJT", mail: []string{"gmail.com", "yahoo.co.jp", "docomo.ne.jp"}, ip: "203.0.113.10"},
	"KR": {code: "KR", lang: "ko", tz: "Asia/Seoul",
		given: []string{"Minjun", "Seoyeon", "Jiho", "Hayoon", "Dohyun", "Jiwoo"}, surnames: []string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang"},
		addresses: []string{"서울특별시 강남구 테헤란로 %d", "부산광역시 해운대구 센텀중앙로 %d", "%d Teheran-ro, Gangnam-gu, Seoul 06164, South Korea"},
		phones:    []phonePattern{{"+82 10", 8}}, bic: "HVBKKRSE", mail: []string{"naver.com", "gmail.com", "daum.net"}, ip: "203.0.113.20"},
	"CN": {code: "CN", lang: "zh", tz: "Asia/Shanghai",
		given: []string{"Wei", "Jing", "Xiaoming", "Li", "Fang", "Hao"}, surnames: []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang"},
		addresses: []string{"上海市浦东新区世纪大道%d号", "北京市朝阳区建国路%d号", "广东省深圳市南山区科技园%d号"},
		phones:    []phonePattern{{"+86 139", 8}, {"+86 138", 8}, {"+86 186", 8}}, bic: "ICBKCNBJ", mail: []string{"qq.com", "163.com", "gmail.com"}, ip: "198.51.100.10"},
	"US": {code: "US", lang: "en", tz: "America/New_York",
		given: []string{"John", "Emily", "Michael", "Sarah", "David", "Jessica"}, surnames: []string{"Smith", "Johnson", "Williams", "Brown", "Miller", "Davis"},
		addresses: []string{"%d Market St, San Francisco, CA 94105", "%d Broadway, New York, NY 10006", "%d Congress Ave, Austin, TX 78701, USA"},
		phones:    []phonePattern{{"+1 415", 7}, {"+1 212", 7}, {"+1 512", 7}, {"+1 646", 7}}, bic: "CHASUS33", mail: []string{"gmail.com", "outlook.com", "icloud.com"}, ip: "192.0.2.10"},
	"DE": {code: "DE", lang: "de", tz: "Europe/Berlin",
		given: []string{"Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie"}, surnames: []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"},
		addresses: []string{"Hauptstraße %d, 10117 Berlin, Germany", "Leopoldstraße %d, 80802 München", "Schanzenstraße %d, 20357 Hamburg, Deutschland"},
		phones:    []phonePattern{{"+49 151", 8}, {"+49 160", 7}, {"+49 170", 7}}, ibanBank: "DE", mail: []string{"gmail.com", "web.de", "gmx.de"}, ip: "192.0.2.20"},
	"PL": {code: "PL", lang: "pl", tz: "Europe/Warsaw",
		given: []string{"Piotr", "Agnieszka", "Tomasz", "Katarzyna", "Michał", "Anna"}, surnames: []string{"Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamińska"},
		addresses: []string{"ul. Marszałkowska %d, 00-590 Warszawa", "ul. Floriańska %d, 31-019 Kraków, Poland", "ul. Długa %d, 80-831 Gdańsk"},
		phones:    []phonePattern{{"+48 501", 6}, {"+48 601", 6}, {"+48 791", 6}}, ibanBank: "PL", mail: []string{"gmail.com", "wp.pl", "onet.pl"}, ip: "192.0.2.30"},
	"UA": {code: "UA", lang: "uk", tz: "Europe/Kyiv",
		given: []string{"Olena", "Dmytro", "Andrii", "Iryna", "Oleksandr", "Kateryna"}, surnames: []string{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko"},
		addresses: []string{"вул. Хрещатик %d, Київ, 01001", "vul. Svobody %d, Lviv 79000, Ukraine", "просп. Науки %d, Харків"},
		phones:    []phonePattern{{"+380 67", 7}, {"+380 50", 7}, {"+380 93", 7}}, ibanBank: "UA", mail: []string{"gmail.com", "ukr.net"}, ip: "192.0.2.40"},
	"FR": {code: "FR", lang: "fr", tz: "Europe/Paris",
		given: []string{"Camille", "Pierre", "Léa", "Hugo", "Manon"}, surnames: []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert"},
		addresses: []string{"%d rue de Rivoli, 75001 Paris, France", "%d avenue Jean Jaurès, 69007 Lyon"},
		phones:    []phonePattern{{"+33 6", 8}, {"+33 7", 8}}, ibanBank: "FR", mail: []string{"gmail.com", "orange.fr"}, ip: "192.0.2.50"},
	"GB": {code: "GB", lang: "en", tz: "Europe/London",
		given: []string{"Oliver", "Amelia", "Harry", "Isla", "George"}, surnames: []string{"Smith", "Jones", "Taylor", "Evans", "Wilson"},
		addresses: []string{"%d Baker Street, London NW1 6XE, United Kingdom", "%d Deansgate, Manchester M3 4LQ"},
		phones:    []phonePattern{{"+44 7700 9", 5}, {"+44 7911", 6}, {"+44 7400", 6}}, ibanBank: "GBBARC", mail: []string{"gmail.com", "outlook.com"}, ip: "192.0.2.60"},
	"ES": {code: "ES", lang: "es", tz: "Europe/Madrid",
		given: []string{"Lucía", "Hugo", "Martina", "Pablo", "Carmen"}, surnames: []string{"García", "Fernández", "López", "Martínez", "Sánchez"},
		addresses: []string{"Calle Mayor %d, 28013 Madrid, España", "Carrer de Balmes %d, 08008 Barcelona, Spain"},
		phones:    []phonePattern{{"+34 612", 6}, {"+34 655", 6}}, ibanBank: "ES", mail: []string{"gmail.com", "hotmail.es"}, ip: "192.0.2.70"},
	"IT": {code: "IT", lang: "it", tz: "Europe/Rome",
		given: []string{"Giulia", "Marco", "Francesca", "Luca", "Chiara"}, surnames: []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi"},
		addresses: []string{"Via del Corso %d, 00186 Roma, Italia", "Corso Buenos Aires %d, 20124 Milano, Italy"},
		phones:    []phonePattern{{"+39 347", 7}, {"+39 333", 7}}, ibanBank: "IT", mail: []string{"gmail.com", "libero.it"}, ip: "192.0.2.80"},
	"NL": {code: "NL", lang: "nl", tz: "Europe/Amsterdam",
		given: []string{"Daan", "Emma", "Sem", "Julia", "Lucas"}, surnames: []string{"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker"},
		addresses: []string{"Damrak %d, 1012 LG Amsterdam, Netherlands", "Coolsingel %d, 3012 AD Rotterdam"},
		phones:    []phonePattern{{"+31 6", 8}}, ibanBank: "NLINGB", mail: []string{"gmail.com", "ziggo.nl"}, ip: "192.0.2.90"},
	"PT": {code: "PT", lang: "pt", tz: "Europe/Lisbon",
		given: []string{"João", "Ana", "Tiago", "Beatriz"}, surnames: []string{"Silva", "Santos", "Ferreira", "Pereira"},
		addresses: []string{"Rua Augusta %d, 1100-053 Lisboa, Portugal", "Rua de Santa Catarina %d, 4000-447 Porto"},
		phones:    []phonePattern{{"+351 912", 6}, {"+351 935", 6}}, ibanBank: "PT", mail: []string{"gmail.com", "sapo.pt"}, ip: "192.0.2.100"},
	"RO": {code: "RO", lang: "ro", tz: "Europe/Bucharest",
		given: []string{"Andrei", "Ioana", "Mihai", "Elena"}, surnames: []string{"Popescu", "Ionescu", "Popa", "Dumitru"},
		addresses: []string{"Strada Lipscani %d, București 030031, Romania", "Strada Memorandumului %d, Cluj-Napoca"},
		phones:    []phonePattern{{"+40 722", 6}, {"+40 744", 6}}, ibanBank: "ROBTRL", mail: []string{"gmail.com", "yahoo.com"}, ip: "192.0.2.110"},
	"VN": {code: "VN", lang: "vi", tz: "Asia/Ho_Chi_Minh",
		given: []string{"Minh", "Linh", "Anh", "Huong"}, surnames: []string{"Nguyen", "Tran", "Le", "Pham"},
		addresses: []string{"%d Nguyễn Huệ, Quận 1, Ho Chi Minh City, Vietnam", "%d Phố Huế, Hà Nội"},
		phones:    []phonePattern{{"+84 90", 7}, {"+84 98", 7}}, bic: "BFTVVNVX", mail: []string{"gmail.com"}, ip: "198.51.100.110"},
	"PH": {code: "PH", lang: "en", tz: "Asia/Manila",
		given: []string{"Maria", "Jose", "Angel", "Mark"}, surnames: []string{"Santos", "Reyes", "Cruz", "Bautista"},
		addresses: []string{"%d Ayala Ave, Makati, Metro Manila, Philippines", "%d Osmeña Blvd, Cebu City"},
		phones:    []phonePattern{{"+63 917", 7}, {"+63 918", 7}}, bic: "BNORPHMM", mail: []string{"gmail.com", "yahoo.com"}, ip: "198.51.100.120"},
	"IN": {code: "IN", lang: "en", tz: "Asia/Kolkata",
		given: []string{"Aarav", "Priya", "Rohan", "Ananya"}, surnames: []string{"Sharma", "Patel", "Iyer", "Reddy"},
		addresses: []string{"%d MG Road, Bengaluru 560001, India", "%d Linking Road, Bandra West, Mumbai"},
		phones:    []phonePattern{{"+91 98", 8}, {"+91 99", 8}}, bic: "SBININBB", mail: []string{"gmail.com"}, ip: "198.51.100.130"},
	"BR": {code: "BR", lang: "pt", tz: "America/Sao_Paulo",
		given: []string{"Gabriel", "Julia", "Lucas", "Mariana"}, surnames: []string{"Silva", "Souza", "Costa", "Oliveira"},
		addresses: []string{"Avenida Paulista %d, São Paulo - SP, 01310-100, Brasil", "Rua Visconde de Pirajá %d, Rio de Janeiro"},
		phones:    []phonePattern{{"+55 11 9", 8}, {"+55 21 9", 8}}, bic: "BRASBRRJ", mail: []string{"gmail.com", "uol.com.br"}, ip: "198.51.100.140"},
	"CA": {code: "CA", lang: "en", tz: "America/Toronto",
		given: []string{"Liam", "Olivia", "Noah", "Emma"}, surnames: []string{"Tremblay", "Roy", "Wilson", "MacDonald"},
		addresses: []string{"%d King St W, Toronto, ON M5H 1J9, Canada", "%d Robson St, Vancouver, BC V6E 1C3"},
		phones:    []phonePattern{{"+1 416", 7}, {"+1 604", 7}}, bic: "ROYCCAT2", mail: []string{"gmail.com"}, ip: "192.0.2.120"},
	"LT": {code: "LT", lang: "lt", tz: "Europe/Vilnius",
		given: []string{"Jonas", "Rūta", "Mantas", "Eglė"}, surnames: []string{"Kazlauskas", "Petrauskas", "Jankauskaitė"},
		addresses: []string{"Gedimino pr. %d, 01103 Vilnius, Lithuania", "Laisvės al. %d, Kaunas"},
		phones:    []phonePattern{{"+370 612", 5}, {"+370 686", 5}}, ibanBank: "LT", mail: []string{"gmail.com"}, ip: "192.0.2.130"},
	"TR": {code: "TR", lang: "tr", tz: "Europe/Istanbul",
		given: []string{"Emre", "Zeynep", "Mehmet", "Elif"}, surnames: []string{"Yılmaz", "Kaya", "Demir", "Şahin"},
		addresses: []string{"İstiklal Cd. No:%d, Beyoğlu, İstanbul, Türkiye", "Atatürk Blv. No:%d, Ankara"},
		phones:    []phonePattern{{"+90 532", 7}, {"+90 555", 7}}, ibanBank: "TR", mail: []string{"gmail.com", "hotmail.com"}, ip: "192.0.2.140"},
	"SG": {code: "SG", lang: "en", tz: "Asia/Singapore",
		given: []string{"Wei Ling", "Jun Jie", "Priya", "Nur"}, surnames: []string{"Tan", "Lim", "Ng", "Lee"},
		addresses: []string{"%d Orchard Road, Singapore 238879", "Blk %d Tampines St 21, Singapore 520123"},
		phones:    []phonePattern{{"+65 9", 7}, {"+65 8", 7}}, bic: "DBSSSGSG", mail: []string{"gmail.com"}, ip: "198.51.100.150"},
	"NG": {code: "NG", lang: "en", tz: "Africa/Lagos",
		given: []string{"Chiamaka", "Emeka", "Tunde", "Ngozi"}, surnames: []string{"Okonkwo", "Adeyemi", "Okafor", "Bello"},
		addresses: []string{"%d Admiralty Way, Lekki, Lagos, Nigeria", "%d Aminu Kano Crescent, Abuja"},
		phones:    []phonePattern{{"+234 803", 7}, {"+234 806", 7}}, bic: "FBNINGLA", mail: []string{"gmail.com", "yahoo.com"}, ip: "198.51.100.160"},
}

// bbans are the formats of the IBAN countries above (the SWIFT registry's),
// the generator's own copy.
var bbans = map[string]string{"DE": "8n10n", "PL": "8n16n", "UA": "6n19c", "FR": "5n5n11n2n", "GB": "4a6n8n",
	"ES": "4n4n1n1n10n", "IT": "1a5n5n12n", "NL": "4a10n", "PT": "4n4n11n2n", "RO": "4a16n", "LT": "5n11n", "TR": "5n1n16n",
	"BE": "3n7n2n", "IE": "4a6n8n"}
