package language

import (
	"slices"
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"I am a senior backend developer with ten years of experience in Go and Kubernetes.", "en"},
		{"はじめまして。東京在住のエンジニアです。よろしくお願いします。", "ja"},
		{"東京都に住んでいます", "ja"},
		{"안녕하세요. 저는 웹 개발자입니다.", "ko"},
		{"您好，我是一名有十年经验的软件工程师。", "zh"},
		{"Привет, я разработчик из Москвы и работаю удалённо.", "ru"},
		{"Привіт, я розробник із Києва, працюю віддалено вже п'ять років.", "uk"},
		{"Ich arbeite seit zehn Jahren als Softwareentwickler in Berlin.", "de"},
		{"Jestem programistą z Warszawy i pracuję zdalnie od pięciu lat.", "pl"},
		{"Hi", ""},
	}
	for _, tt := range tests {
		if got, _ := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A sentence in another script inside an English bio is detected on its
// own, not drowned in the English around it.
func TestAnalyseFindsASentenceInAnotherScript(t *testing.T) {
	const bio = "Full-stack developer, React and Node. Available for long contracts.\n"
	for _, tt := range []struct{ sentence, want string }{
		{"빠른 답변 부탁드립니다 감사합니다 좋은 하루 되세요", "ko"},
		{"Я разработчик из Москвы и работаю удалённо уже пять лет.", "ru"},
		{"أنا مطور برمجيات وأعمل عن بعد منذ خمس سنوات", "ar"},
	} {
		got := Analyse([]string{bio + tt.sentence}, nil)
		if len(got) != 2 || got[0].Language != "en" || got[1].Language != tt.want {
			t.Errorf("%s: %+v", tt.want, got)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name                   string
		nationality, residence country.Code
		declared               []string
		texts                  []string
		want                   []matchers.Code
		points                 country.Code
	}{
		{"Japanese writing Japanese", "JP", "JP", nil, []string{"はじめまして。東京在住のエンジニアです。"}, nil, ""},
		{"English is normal everywhere", "JP", "JP", nil, []string{"Hello, I build web applications with Go and TypeScript."}, nil, ""},
		{"Korean text, claims Japan", "JP", "JP", nil, []string{"안녕하세요. 저는 십년 경력의 웹 개발자입니다. 잘 부탁드립니다."},
			[]matchers.Code{matchers.LanguageMismatch}, "KR"},
		{"Korean declared is fine", "JP", "JP", []string{"ja", "ko"}, []string{"안녕하세요. 저는 십년 경력의 웹 개발자입니다."}, nil, ""},
		{"Chinese text, claims the US", "US", "US", nil, []string{"您好，我是一名有十年经验的软件工程师，期待与您合作。"},
			[]matchers.Code{matchers.LanguageMismatch}, "CN"},
		{"Japanese living in Germany writing German", "JP", "DE", nil, []string{"Ich arbeite seit zehn Jahren als Softwareentwickler in Berlin."}, nil, ""},
		{"Russian in Ukraine is ordinary", "UA", "UA", nil, []string{"Привет, я разработчик из Харькова и работаю удалённо."}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Match(&profile.Profile{AccountID: "a", Nationality: tt.nationality, Residence: tt.residence,
				Languages: tt.declared, Texts: tt.texts})
			if got := f.Codes(); !slices.Equal(got, tt.want) {
				t.Fatalf("codes %v, want %v\n%v\n%+v", f.Codes(), tt.want, f.List, f.Signal)
			}
			if len(f.List) > 0 && f.List[0].Country != tt.points {
				t.Errorf("points to %q, want %q", f.List[0].Country, tt.points)
			}
		})
	}
}
