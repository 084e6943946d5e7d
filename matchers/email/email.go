// Package email places an e-mail address in a country when its domain says
// where it is: a country-code top-level domain, or a mail provider that
// serves one country (qq.com, naver.com, mail.ru).
package email

import (
	"fmt"
	"strings"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// providers are national mail services.
var providers = map[string]country.Code{
	"qq.com": "CN", "163.com": "CN", "126.com": "CN", "sina.com": "CN", "sina.cn": "CN", "yeah.net": "CN",
	"foxmail.com": "CN", "aliyun.com": "CN", "139.com": "CN", "sohu.com": "CN",
	"naver.com": "KR", "daum.net": "KR", "hanmail.net": "KR", "kakao.com": "KR", "nate.com": "KR",
	"mail.ru": "RU", "yandex.ru": "RU", "rambler.ru": "RU", "bk.ru": "RU", "list.ru": "RU", "inbox.ru": "RU",
	"ukr.net": "UA", "i.ua": "UA", "meta.ua": "UA",
	"yahoo.co.jp": "JP", "docomo.ne.jp": "JP", "ezweb.ne.jp": "JP", "softbank.ne.jp": "JP", "i.softbank.jp": "JP",
	"wp.pl": "PL", "o2.pl": "PL", "interia.pl": "PL", "onet.pl": "PL",
	"web.de": "DE", "gmx.de": "DE", "t-online.de": "DE", "seznam.cz": "CZ", "abv.bg": "BG",
	"star-co.net.kp": "KP", "silibank.net.kp": "KP",
}

// generic are country-code domains used worldwide for their look (.io,
// .co, .ai) rather than for the country.
var generic = map[string]bool{"io": true, "co": true, "me": true, "tv": true, "ai": true, "ly": true, "fm": true,
	"gg": true, "to": true, "ws": true, "cc": true, "sh": true, "vc": true, "la": true, "ac": true, "so": true,
	"nu": true, "tk": true, "ml": true, "ga": true, "cf": true, "gq": true, "am": true, "im": true, "is": true,
	"eu": true}

// Signal is where the address's domain places it.
type Signal struct {
	Domain  string       `json:"domain"`
	Country country.Code `json:"country,omitempty"`
	How     string       `json:"how,omitempty"` // "provider" or "tld"
}

// Locate places an e-mail address.
func Locate(addr string) Signal {
	at := strings.LastIndexByte(addr, '@')
	domain := strings.ToLower(strings.TrimSpace(addr[at+1:]))
	sig := Signal{Domain: domain}
	for d := domain; d != ""; {
		if c, ok := providers[d]; ok {
			sig.Country, sig.How = c, "provider"
			return sig
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			break
		}
		d = d[i+1:]
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	if len(tld) == 2 && !generic[tld] {
		code := strings.ToUpper(tld)
		if code == "UK" {
			code = "GB"
		}
		if _, ok := country.Lookup(country.Code(code)); ok {
			sig.Country, sig.How = country.Code(code), "tld"
		}
	}
	return sig
}

// Match places p.Email and compares it with the claimed countries.
func Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	if !strings.Contains(p.Email, "@") {
		return out
	}
	sig := Locate(p.Email)
	out.SetSignal("email", sig)
	out.Place(matchers.SourceEmail, sig.Country, "e-mail domain "+sig.Domain)
	if sig.Country == "" || p.Home() == "" || sig.Country == p.Residence || sig.Country == p.Nationality || sig.Country == p.Home() {
		return out
	}
	out.Add(matchers.Finding{Code: matchers.EmailCountryMismatch, Severity: matchers.Low, Source: matchers.SourceEmail, Country: sig.Country,
		Message: fmt.Sprintf("the e-mail domain %s is from %s, account claims %s",
			sig.Domain, matchers.Describe(sig.Country), matchers.Describe(p.Home())),
		Evidence: map[string]any{"domain": sig.Domain, "email_country": sig.Country, "how": sig.How}})
	return out
}
