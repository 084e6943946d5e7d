package main

// sentences are what people write in their bios and cover letters, per
// language; a profile's text is a few of them.
var sentences = map[string][]string{
	"en": {
		"I am a full-stack developer with eight years of experience building web applications in React and Node.",
		"Over the last five years I have shipped payment systems, internal dashboards and mobile backends for startups.",
		"I enjoy clean code, honest estimates and clear communication with the whole team.",
		"I am available for long-term contracts and can overlap with your working hours every day.",
		"My recent work includes a logistics platform in Go and a data pipeline on AWS that processes millions of events a day.",
		"Before freelancing I led a small team at a fintech company and mentored junior engineers.",
		"I write tests first, document what I build, and like to hand over projects in good shape.",
		"Happy to start with a small paid task so that you can see how I work.",
	},
	"ja": {
		"はじめまして。東京在住のフリーランスエンジニアで、ウェブ開発の経験が八年あります。",
		"これまでにスタートアップ向けの決済システムや社内ツールを開発してきました。",
		"丁寧なコミュニケーションと読みやすいコードを大切にしています。",
		"長期のお仕事も歓迎です。どうぞよろしくお願いいたします。",
		"最近はGoとTypeScriptを使ったバックエンド開発を中心に担当しています。",
	},
	"ko": {
		"안녕하세요. 저는 웹 개발 경력 팔 년의 프리랜서 개발자입니다.",
		"스타트업을 위해 결제 시스템과 관리자 페이지를 여러 번 만들었습니다.",
		"깔끔한 코드와 빠른 소통을 중요하게 생각합니다.",
		"장기 프로젝트도 환영합니다. 잘 부탁드립니다.",
		"최근에는 리액트와 노드로 서비스를 개발하고 있습니다.",
	},
	"zh": {
		"您好，我是一名有八年经验的全栈开发工程师。",
		"我为多家创业公司开发过支付系统和后台管理平台。",
		"我重视代码质量和及时沟通，可以长期合作。",
		"最近主要使用Go和React进行开发，期待与您合作。",
		"我可以按照您的时间安排工作，随时沟通项目进度。",
	},
	"de": {
		"Ich bin seit acht Jahren als Softwareentwickler tätig und arbeite am liebsten mit Go und TypeScript.",
		"Zuletzt habe ich für ein Logistikunternehmen eine Plattform zur Sendungsverfolgung gebaut.",
		"Mir sind sauberer Code, ehrliche Schätzungen und offene Kommunikation wichtig.",
		"Ich freue mich auf langfristige Projekte und bin werktags gut erreichbar.",
	},
	"pl": {
		"Jestem programistą z ośmioletnim doświadczeniem w tworzeniu aplikacji internetowych.",
		"Ostatnio pracowałem nad systemem płatności dla firmy z branży e-commerce.",
		"Cenię czysty kod, rzetelne wyceny i dobrą komunikację w zespole.",
		"Chętnie podejmę się długoterminowej współpracy.",
	},
	"uk": {
		"Я розробник програмного забезпечення з восьмирічним досвідом роботи з вебзастосунками.",
		"Останнім часом працював над платіжною системою для інтернет-магазину.",
		"Для мене важливі чистий код, чесні оцінки та зрозуміла комунікація.",
		"Готовий до довгострокової співпраці та щоденних зустрічей з командою.",
	},
	"ru": {
		"Я разработчик с восьмилетним опытом создания веб-приложений и мобильных сервисов.",
		"Недавно делал платёжную систему для интернет-магазина и панель администратора.",
		"Ценю чистый код, честные оценки сроков и понятное общение.",
		"Готов к долгосрочному сотрудничеству.",
	},
	"fr": {
		"Je suis développeur full-stack depuis huit ans et je travaille surtout avec React et Node.",
		"J'ai récemment conçu une plateforme de réservation pour une agence de voyages.",
		"J'attache beaucoup d'importance à un code propre et à une communication claire.",
		"Je suis disponible pour des missions de longue durée.",
	},
	"es": {
		"Soy desarrollador full-stack con ocho años de experiencia en aplicaciones web.",
		"Recientemente desarrollé una plataforma de pagos para una tienda en línea.",
		"Me importan el código limpio, las estimaciones honestas y la buena comunicación.",
		"Estoy disponible para proyectos de larga duración.",
	},
	"pt": {
		"Sou desenvolvedor full-stack com oito anos de experiência em aplicações web.",
		"Recentemente criei uma plataforma de pagamentos para uma loja online.",
		"Valorizo código limpo, estimativas honestas e comunicação clara.",
		"Estou disponível para projetos de longo prazo.",
	},
	"it": {
		"Sono uno sviluppatore full-stack con otto anni di esperienza nelle applicazioni web.",
		"Di recente ho realizzato una piattaforma di pagamento per un negozio online.",
		"Per me contano il codice pulito, le stime oneste e una comunicazione chiara.",
		"Sono disponibile per collaborazioni a lungo termine.",
	},
	"vi": {
		"Tôi là lập trình viên với tám năm kinh nghiệm phát triển ứng dụng web.",
		"Gần đây tôi đã xây dựng hệ thống thanh toán cho một cửa hàng trực tuyến.",
		"Tôi coi trọng mã nguồn sạch và giao tiếp rõ ràng với khách hàng.",
		"Tôi sẵn sàng hợp tác lâu dài.",
	},
	"nl": {
		"Ik ben een full-stack ontwikkelaar met acht jaar ervaring in webapplicaties.",
		"Onlangs heb ik een betaalplatform gebouwd voor een webwinkel.",
		"Ik hecht veel waarde aan nette code en duidelijke communicatie.",
		"Ik ben beschikbaar voor langdurige opdrachten.",
	},
	"ro": {
		"Sunt dezvoltator full-stack cu opt ani de experiență în aplicații web.",
		"Recent am construit o platformă de plăți pentru un magazin online.",
		"Pun preț pe cod curat, estimări corecte și comunicare clară.",
		"Sunt disponibil pentru colaborări pe termen lung.",
	},
	"lt": {
		"Esu programuotojas, turintis aštuonerių metų patirtį kuriant interneto programas.",
		"Neseniai sukūriau mokėjimų sistemą internetinei parduotuvei.",
		"Vertinu tvarkingą kodą, sąžiningus įvertinimus ir aiškų bendravimą.",
		"Esu pasirengęs ilgalaikiam bendradarbiavimui.",
	},
	"tr": {
		"Sekiz yıllık deneyime sahip bir yazılım geliştiriciyim.",
		"Son olarak bir çevrimiçi mağaza için ödeme sistemi geliştirdim.",
		"Temiz kod ve açık iletişim benim için çok önemli.",
		"Uzun vadeli projelere açığım.",
	},
}
