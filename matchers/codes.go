package matchers

// Code is a stable reason code: callers branch on it, so a code once
// published keeps its meaning.
type Code string

// CodeInfo documents one reason code.
type CodeInfo struct {
	Code     Code
	Source   Source
	Severity Severity // the usual severity; some findings raise or lower it, as Trigger says
	Trigger  string   // what makes a matcher report it
	Why      string   // why it matters
}

// Reason codes.
const (
	PhoneInvalid         Code = "PHONE_INVALID"
	PhoneCountryMismatch Code = "PHONE_COUNTRY_MISMATCH"
	PhoneVoIP            Code = "PHONE_VOIP"
	PhoneNonGeographic   Code = "PHONE_NON_GEOGRAPHIC"

	EmailCountryMismatch Code = "EMAIL_COUNTRY_MISMATCH"

	AddressCountryMismatch Code = "ADDRESS_COUNTRY_MISMATCH"
	AddressBorderHub       Code = "ADDRESS_BORDER_HUB"
	AddressScriptMismatch  Code = "ADDRESS_SCRIPT_MISMATCH"

	LanguageMismatch Code = "LANGUAGE_MISMATCH"

	IBANInvalid                 Code = "IBAN_INVALID"
	BICInvalid                  Code = "BIC_INVALID"
	BankIBANBICMismatch         Code = "BANK_IBAN_BIC_MISMATCH"
	BankDeclaredCountryMismatch Code = "BANK_DECLARED_COUNTRY_MISMATCH"
	BankCountryMismatch         Code = "BANK_COUNTRY_MISMATCH"
	PayoutToChina               Code = "PAYOUT_TO_CHINA"
	PayoutCrypto                Code = "PAYOUT_CRYPTO"
	WalletCountryMismatch       Code = "WALLET_COUNTRY_MISMATCH"

	DocumentUnreadable          Code = "DOCUMENT_UNREADABLE"
	DocumentCheckFailed         Code = "DOCUMENT_CHECK_FAILED"
	DocumentExpired             Code = "DOCUMENT_EXPIRED"
	DocumentNationalityMismatch Code = "DOCUMENT_NATIONALITY_MISMATCH"
	DocumentNameMismatch        Code = "DOCUMENT_NAME_MISMATCH"
	DocumentIssuerMismatch      Code = "DOCUMENT_ISSUER_MISMATCH"

	LoginCountryMismatch Code = "LOGIN_COUNTRY_MISMATCH"
	LoginManyCountries   Code = "LOGIN_MANY_COUNTRIES"
	LoginManyIPs         Code = "LOGIN_MANY_IPS"

	TimezoneMismatch      Code = "TIMEZONE_MISMATCH"
	ActivityHoursMismatch Code = "ACTIVITY_HOURS_MISMATCH"

	SanctionedJurisdiction Code = "SANCTIONED_JURISDICTION"

	CorroboratedMismatch Code = "CORROBORATED_MISMATCH"
)

// Codes documents every reason code, in the order of the reason-code table
// in docs/reason-codes.md (which is generated from it).
var Codes = []CodeInfo{
	{PhoneInvalid, SourcePhone, Medium,
		"the phone number is not a valid number anywhere (wrong length or prefix for its country code)",
		"a made-up or mistyped number cannot be used to reach or verify the person"},
	{PhoneCountryMismatch, SourcePhone, Medium,
		"the number is registered in a country other than the claimed residence",
		"people mostly keep a local number; spoofed profiles use the operator's real phone, or one a go-between lent"},
	{PhoneVoIP, SourcePhone, Medium,
		"the number is a VoIP line",
		"virtual numbers are bought online to look local in the claimed country"},
	{PhoneNonGeographic, SourcePhone, Medium,
		"the number belongs to no country (global +800/+88x services), or is a personal, premium, toll-free or shared-cost number",
		"such numbers hide where the person is"},
	{EmailCountryMismatch, SourceEmail, Low,
		"the e-mail domain belongs to a national mail provider (qq.com, naver.com, mail.ru) or a country-code domain of a country that is neither the claimed residence nor nationality",
		"a weak hint on its own; it counts when other evidence points to the same country"},
	{AddressCountryMismatch, SourceAddress, High,
		"the address names, or its script, postal code and cities place it in, a country other than the claimed residence (medium when only inferred)",
		"the address is where payment cards, contracts and equipment go"},
	{AddressBorderHub, SourceAddress, High,
		"the address is in a city known as a hub of North Korean IT workers abroad (Dandong, Shenyang, Yanji, Vladivostok and others)",
		"US advisories name these cities as where DPRK IT teams live and work"},
	{AddressScriptMismatch, SourceAddress, Low,
		"the address is written in a script not used in the claimed residence (Hangul for Japan)",
		"people write addresses in the script of the place; another script hints at who wrote it"},
	{LanguageMismatch, SourceLanguage, Medium,
		"the person's own texts are in a language of neither the claimed nationality nor residence, nor declared, nor English",
		"a signal, not a verdict: people write what they think in; Korean text in a profile that claims Japan needs a look"},
	{IBANInvalid, SourceBank, High,
		"an IBAN fails its mod-97 check or its country's length or format",
		"a broken IBAN is either a typing error or an invented account"},
	{BICInvalid, SourceBank, Medium,
		"a BIC is not 8 or 11 characters of the right kinds, or names no country",
		"as for IBANs"},
	{BankIBANBICMismatch, SourceBank, Medium,
		"an IBAN's country differs from its BIC's",
		"details stitched together from different accounts"},
	{BankDeclaredCountryMismatch, SourceBank, Medium,
		"the payout's declared country differs from its IBAN's or BIC's country",
		"the account is not where the profile says it is"},
	{BankCountryMismatch, SourceBank, Medium,
		"the bank is in a country other than the claimed residence (EU residents' accounts at well-known EU neobanks excepted; low for other accounts inside the EU/EEA)",
		"pay is routed to the country the person is really in, or to a go-between"},
	{PayoutToChina, SourceBank, High,
		"a bank account or wallet in China for a residence outside China",
		"advisories: DPRK IT workers route pay to Chinese bank accounts"},
	{PayoutCrypto, SourceBank, Medium,
		"payouts in virtual currency",
		"advisories: pay is moved out through virtual currency, often stablecoins"},
	{WalletCountryMismatch, SourceBank, Medium,
		"a payment-service wallet (Payoneer, PayPal...) registered in a country other than the claimed residence",
		"wallets are opened with the operator's or a go-between's identity"},
	{DocumentUnreadable, SourceDocument, Medium,
		"the document's machine-readable zone fits no ICAO 9303 format",
		"a genuine document always has a well-formed zone; ask for a better scan"},
	{DocumentCheckFailed, SourceDocument, Critical,
		"a check digit of the machine-readable zone does not hold, or a field holds an impossible value",
		"edited documents fail their check digits (a misread scan can too: ask for another before rejecting for good)"},
	{DocumentExpired, SourceDocument, Medium,
		"the document's expiry date is past",
		"expired documents are borrowed and sold"},
	{DocumentNationalityMismatch, SourceDocument, High,
		"the document's nationality is not the claimed nationality",
		"the claimed nationality is the spoofed one; the document shows the real or the borrowed one"},
	{DocumentIssuerMismatch, SourceDocument, Medium,
		"the state that issued the document is neither the claimed nationality, the claimed residence, nor the document's own nationality",
		"passports are issued by the holder's state and residence cards by the state of residence; any other issuer needs a look"},
	{DocumentNameMismatch, SourceDocument, High,
		"the name on the document does not match the account's full name",
		"a borrowed or bought identity document"},
	{LoginCountryMismatch, SourceNetwork, Medium,
		"logins come from a country other than the claimed residence (high when most do)",
		"the network shows where the person really works, unless a VPN hides it"},
	{LoginManyCountries, SourceNetwork, Medium,
		"logins from three or more countries within 24 hours",
		"several people, or a go-between's remote-access laptop, share the account"},
	{LoginManyIPs, SourceNetwork, Low,
		"logins from many distinct networks within 24 hours (8 or more)",
		"advisories: DPRK IT workers log in from many IPs"},
	{TimezoneMismatch, SourceTime, Medium,
		"the browser's time zone is in a country other than the claimed residence, with another UTC offset",
		"the computer's clock is set where the person lives"},
	{ActivityHoursMismatch, SourceTime, Medium,
		"most logins fall at night in the claimed residence but in working hours of another time zone",
		"people work by day; night-time activity fits a worker in another time zone"},
	{SanctionedJurisdiction, "", Critical,
		"any contact with a comprehensively sanctioned jurisdiction (North Korea, Iran, Cuba by default): phone, address, bank, document, logins, time zone",
		"dealing with them is unlawful for US and many other businesses; the policy always rejects"},
	{CorroboratedMismatch, SourcePolicy, High,
		"mismatches from two or more independent sources point to the same other country (critical from three)",
		"one mismatch is often innocent (a traveller, an expatriate); several that agree are how spoofed identities show"},
}

// Info returns the documentation of code.
func Info(code Code) (CodeInfo, bool) {
	for _, c := range Codes {
		if c.Code == code {
			return c, true
		}
	}
	return CodeInfo{}, false
}
