package main

import (
	"fmt"
	"slices"
	"strings"
)

// indicators of a North Korean IT worker behind a profile, from the US
// advisories; each changes a profile that otherwise looks like a national
// of the claimed country.
var indicators = []string{"phone_cn", "phone_ru", "address_hub", "text_ko", "text_zh", "payout_cn_bank",
	"payout_cn_wallet", "payout_crypto", "logins_cn", "logins_ru", "night_logins", "tz_cn", "doc_borrowed",
	"doc_cn", "email_cn"}

var hubAddresses = []string{"辽宁省丹东市振兴区六纬路%d号", "No. %d Liuwei Road, Zhenxing District, Dandong, Liaoning, China",
	"辽宁省沈阳市和平区南京北街%d号", "%d Beijing Road, Shenyang, China", "吉林省延边朝鲜族自治州延吉市光明街%d号",
	"%d Yanji Street, Yanji, Jilin", "ул. Светланская %d, Владивосток", "%d Svetlanskaya St, Vladivostok, Russia"}

func (g *gen) spoofed(n int) []Case {
	claims := []string{"JP", "KR", "US", "PL", "UA", "CA", "GB", "SG", "RO", "DE", "NL", "JP", "US", "KR"}
	var out []Case
	for i := 0; i < n; i++ {
		claim := kits[claims[i%len(claims)]]
		p := g.person("dprk", claim, claim)
		// Two to five indicators; at least two that are not the e-mail
		// domain, the weakest of them.
		k := 2 + g.rng.IntN(4)
		var picked []string
		for len(picked) < k {
			ind := pick(g.rng, indicators)
			if slices.ContainsFunc(picked, func(p string) bool { return group(p) == group(ind) }) {
				continue // one indicator per part of the profile: a later one would overwrite
			}
			if ind == "text_ko" && claim.code == "KR" || ind == "text_zh" && claim.code == "SG" {
				continue // the language of the claimed country: no indicator
			}
			if ind == "night_logins" && (claim.code == "JP" || claim.code == "KR" || claim.code == "SG") {
				continue // Shenyang's working hours are the claimed country's too
			}
			picked = append(picked, ind)
		}
		if slices.Contains(picked, "email_cn") && len(picked) == 2 {
			picked = append(picked, "logins_cn")
		}
		for _, ind := range picked {
			g.apply(p, claim, ind)
		}
		out = append(out, Case{Label: "spoofed", Expect: "flag",
			Note: fmt.Sprintf("claims %s; %s", claim.code, strings.Join(picked, ", ")), Profile: p})
	}
	return out
}

// group names the part of a profile an indicator changes.
func group(ind string) string {
	switch ind {
	case "logins_cn", "logins_ru", "night_logins":
		return "logins"
	case "payout_cn_bank", "payout_cn_wallet", "payout_crypto":
		return "payout"
	}
	return ind[:strings.IndexByte(ind, '_')]
}

func (g *gen) apply(p map[string]any, claim kit, ind string) {
	cn := kits["CN"]
	switch ind {
	case "phone_cn":
		p["phone"] = g.phone(cn)
	case "phone_ru":
		p["phone"] = g.phone(kit{code: "RU", phones: []phonePattern{{"+7 914", 7}, {"+7 924", 7}}})
	case "address_hub":
		p["address"] = fmt.Sprintf(pick(g.rng, hubAddresses), 1+g.rng.IntN(90))
	case "text_ko":
		p["texts"] = []string{g.text("ko", 3), g.text("en", 2)}
	case "text_zh":
		p["texts"] = []string{g.text("zh", 3)}
	case "payout_cn_bank":
		p["payouts"] = []map[string]any{{"type": "bank", "bic": pick(g.rng, []string{"BKCHCNBJ", "ICBKCNBJ", "PCBCCNBJ"}),
			"account": fmt.Sprintf("6217%012d", g.rng.IntN(1e12)), "country": "CN"}}
	case "payout_cn_wallet":
		p["payouts"] = []map[string]any{{"type": "wallet", "provider": pick(g.rng, []string{"payoneer", "paypal"}), "country": "CN"}}
	case "payout_crypto":
		p["payouts"] = []map[string]any{{"type": "crypto", "asset": pick(g.rng, []string{"USDT", "USDC", "BTC"}),
			"address": fmt.Sprintf("T%033d", g.rng.IntN(1e9))}}
	case "logins_cn", "logins_ru":
		from := cn
		if ind == "logins_ru" {
			from = kit{code: "RU", tz: "Asia/Vladivostok", ip: "198.51.100.200"}
		}
		// Most logins from there; a few through a VPN in the claimed country.
		total := 8 + g.rng.IntN(10)
		there := total * (6 + g.rng.IntN(5)) / 10
		ls := g.logins(there, from.code, from.tz, from.ip, false)
		p["logins"] = append(ls, g.logins(total-there, claim.code, claim.tz, claim.ip, true)...)
	case "night_logins":
		// Every login through a VPN in the claimed country, but in the
		// working hours of Pyongyang and Shenyang.
		ls := g.logins(8+g.rng.IntN(8), claim.code, "Asia/Shanghai", claim.ip, false)
		for _, l := range ls {
			l["timezone"] = claim.tz
		}
		p["logins"] = ls
	case "tz_cn":
		p["timezone"] = "Asia/Shanghai"
	case "doc_borrowed":
		p["document"] = map[string]any{"mrz": g.passport(icao[claim.code], pick(g.rng, claim.given), pick(g.rng, claim.surnames)+"SON", false)}
	case "doc_cn":
		p["document"] = map[string]any{"mrz": g.passport("CHN", pick(g.rng, cn.given), pick(g.rng, cn.surnames), false)}
	case "email_cn":
		p["email"] = fmt.Sprintf("%s%d@%s", strings.ToLower(pick(g.rng, claim.given)), g.rng.IntN(999), pick(g.rng, []string{"qq.com", "163.com"}))
	}
}

func (g *gen) sanctioned() []Case {
	var out []Case
	add := func(note string, p map[string]any) {
		out = append(out, Case{Label: "sanctioned", Expect: "reject", Note: note, Profile: p})
	}
	kr, de, jp, us, cn := kits["KR"], kits["DE"], kits["JP"], kits["US"], kits["CN"]
	p := g.person("sanction", kr, kr)
	p["phone"] = "+850 2 381 2345"
	add("North Korean phone number", p)
	p = g.person("sanction", jp, jp)
	p["logins"] = append(p["logins"].([]map[string]any), map[string]any{"ip": "175.45.177.23", "at": base.Format("2006-01-02T15:04:05Z")})
	add("one login from a North Korean address block", p)
	p = g.person("sanction", kr, kr)
	p["document"] = map[string]any{"mrz": g.passport("PRK", "JIHO", "KIM", false)}
	add("North Korean passport", p)
	p = g.person("sanction", us, us)
	p["timezone"] = "Asia/Pyongyang"
	add("browser set to Pyongyang time", p)
	p = g.person("sanction", cn, cn)
	p["address"] = "평양시 중구역 승리거리 " + fmt.Sprint(1+g.rng.IntN(50))
	add("address in Pyongyang", p)
	p = g.person("sanction", de, de)
	p["phone"] = "+98 912 345 6789"
	add("Iranian phone number, lives in Germany", p)
	p = g.person("sanction", us, us)
	p["claimed_residence"] = "Cuba"
	add("claims to live in Cuba", p)
	p = g.person("sanction", kr, kr)
	p["email"] = "trade@silibank.net.kp"
	add("North Korean mail domain", p)
	p = g.person("sanction", jp, jp)
	p["logins"] = append(p["logins"].([]map[string]any), map[string]any{"ip": "203.0.113.99", "at": base.Format("2006-01-02T15:04:05Z"), "country": "KP"})
	add("login the caller located in North Korea", p)
	p = g.person("sanction", de, de)
	p["payouts"] = []map[string]any{{"type": "bank", "iban": g.irIBAN(), "country": "IR"}}
	add("paid to an Iranian bank", p)
	return out
}

func (g *gen) irIBAN() string {
	bban := fmt.Sprintf("%022d", g.rng.Int64N(1e18))
	return fmt.Sprintf("IR%02d%s", 98-mod97(bban+"IR00"), bban)
}

// tampered: ordinary people at home whose passport zone had one digit of a
// checked field changed after printing.
func (g *gen) tampered(n int) []Case {
	codes := g.kitCodes()
	var out []Case
	for i := 0; i < n; i++ {
		k := kits[codes[(i*7)%len(codes)]]
		p := g.person("tampered", k, k)
		lines := p["document"].(map[string]any)["mrz"].([]string)
		l := []byte(lines[1])
		// Document number (0-8), birth date (13-18) or expiry (21-26): a
		// digit among them changed to another digit.
		spans := [][2]int{{2, 9}, {13, 19}, {21, 27}}
		sp := spans[i%3]
		for {
			pos := sp[0] + g.rng.IntN(sp[1]-sp[0])
			if l[pos] >= '0' && l[pos] <= '9' {
				l[pos] = byte('0' + (int(l[pos]-'0')+1+g.rng.IntN(9))%10)
				break
			}
		}
		lines[1] = string(l)
		out = append(out, Case{Label: "tampered", Expect: "reject",
			Note:    fmt.Sprintf("lives in %s; a digit of the passport's %s was changed", k.code, []string{"document number", "birth date", "expiry date"}[i%3]),
			Profile: p})
	}
	return out
}
