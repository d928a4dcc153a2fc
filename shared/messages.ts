/**
 * User-facing messages for the error codes the API emits. The API answers in the caller's language
 * (Accept-Language, Dutch by default); the front end uses the same table for its own checks.
 */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const errorMessages = {
  invalid_id: { nl: 'Ongeldige id.', en: 'Invalid id.' },
  invalid_enterprise_number: {
    nl: 'Geef een ondernemingsnummer van 10 cijfers in, zoals 0123.456.749.',
    en: 'Enter a 10-digit enterprise number, such as 0123.456.749.',
  },
  enterprise_number_checksum: {
    nl: 'Dit ondernemingsnummer bestaat niet: het controlegetal klopt niet.',
    en: 'This enterprise number does not exist: its check digits are wrong.',
  },
  invalid_establishment_number: {
    nl: 'Geef een vestigingsnummer van 10 cijfers in dat met 2 tot 8 begint, zoals 2.123.456.789.',
    en: 'Enter a 10-digit establishment number starting with 2 to 8, such as 2.123.456.789.',
  },
  establishment_number_checksum: {
    nl: 'Dit vestigingsnummer bestaat niet: het controlegetal klopt niet.',
    en: 'This establishment number does not exist: its check digits are wrong.',
  },
  required: { nl: 'Dit veld is verplicht.', en: 'This field is required.' },
  too_long: { nl: 'Deze tekst is te lang.', en: 'This text is too long.' },
  invalid_postal_code: { nl: 'Een Belgische postcode heeft 4 cijfers.', en: 'A Belgian postal code has 4 digits.' },
  invalid_url: { nl: 'Geef een volledig webadres in, zoals https://voorbeeld.be.', en: 'Enter a full web address, such as https://example.be.' },
  invalid_email: { nl: 'Geef een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' },
  invalid_nace: { nl: 'Een NACE-code ziet eruit als 25.62 of 46.690.', en: 'A NACE code looks like 25.62 or 46.690.' },
  invalid_cursor: { nl: 'Deze paginalink is ongeldig of verlopen.', en: 'This page link is invalid or has expired.' },
  unknown_field: { nl: 'Onbekend veld.', en: 'Unknown field.' },
  unknown_park: { nl: 'Dit bedrijventerrein hoort niet bij deze vereniging.', en: 'This park does not belong to this association.' },
  invalid_json: { nl: 'De inhoud is geen geldige JSON.', en: 'The body is not valid JSON.' },
  unsupported_media_type: { nl: 'Stuur JSON (Content-Type: application/json).', en: 'Send JSON (Content-Type: application/json).' },
  payload_too_large: { nl: 'De inhoud is te groot.', en: 'The body is too large.' },
  not_found: { nl: 'Niet gevonden.', en: 'Not found.' },
  unauthenticated: { nl: 'Meld je aan om verder te gaan.', en: 'Sign in to continue.' },
  forbidden: {
    nl: 'Je rol in deze organisatie laat dit niet toe.',
    en: 'Your role in this organisation does not allow this.',
  },
  version_conflict: {
    nl: 'Iemand anders heeft dit intussen gewijzigd. Bekijk de huidige gegevens en probeer opnieuw.',
    en: 'Someone else changed this in the meantime. Review the current data and try again.',
  },
  invitation_invalid: {
    nl: 'Deze uitnodigingslink is ongeldig. Kopieer de volledige link uit de e-mail of vraag een nieuwe uitnodiging.',
    en: 'This invitation link is not valid. Copy the whole link from the e-mail or ask for a new invitation.',
  },
  invitation_expired: {
    nl: 'Deze uitnodiging is verlopen (ze blijft 7 dagen geldig). Vraag de beheerder om een nieuwe uitnodiging.',
    en: 'This invitation has expired (it is valid for 7 days). Ask the administrator for a new invitation.',
  },
  invitation_used: {
    nl: 'Deze uitnodiging is al gebruikt of ingetrokken. Vraag de beheerder om een nieuwe als je nog geen toegang hebt.',
    en: 'This invitation has already been used or was withdrawn. Ask the administrator for a new one if you have no access yet.',
  },
  already_member: { nl: 'Je bent al lid van deze organisatie.', en: 'You are already a member of this organisation.' },
  role_not_for_tenant: {
    nl: 'Deze rol bestaat niet voor dit soort organisatie.',
    en: 'This role does not exist for this kind of organisation.',
  },
  last_admin: {
    nl: 'Er moet minstens één beheerder overblijven. Maak eerst iemand anders beheerder.',
    en: 'At least one administrator must remain. Make someone else an administrator first.',
  },
  mail_unavailable: {
    nl: 'De e-mail kon niet verstuurd worden; er is niets bewaard. Probeer het zo meteen opnieuw.',
    en: 'The e-mail could not be sent; nothing was saved. Please try again shortly.',
  },
  not_negative: { nl: 'Een bedrag kan niet negatief zijn.', en: 'An amount cannot be negative.' },
  invalid_date: { nl: 'Geef een datum in als JJJJ-MM-DD.', en: 'Enter a date as YYYY-MM-DD.' },
  paid_before_invoiced: { nl: 'De betaaldatum ligt vóór de factuurdatum.', en: 'The payment date is before the invoice date.' },
  idempotency_key_reused: {
    nl: 'Deze Idempotency-Key hoort bij een andere aanvraag. Gebruik een nieuwe sleutel per aanvraag.',
    en: 'This Idempotency-Key belongs to another request. Use a new key for each request.',
  },
  invalid_phone: { nl: 'Geef een telefoonnummer in, zoals +32 16 12 34 56.', en: 'Enter a phone number, such as +32 16 12 34 56.' },
  consent_in_future: { nl: 'Een toestemming kan niet in de toekomst gegeven zijn.', en: 'A consent cannot be given in the future.' },
  // — consultation log (issue #6) —
  contact_in_future: { nl: 'Een contactmoment ligt vandaag of in het verleden.', en: 'A contact moment is today or in the past.' },
  too_many_participants: { nl: 'Hoogstens 30 deelnemers.', en: 'At most 30 participants.' },
  too_many_follow_ups: { nl: 'Hoogstens 20 opvolgpunten per contactmoment.', en: 'At most 20 follow-ups per contact moment.' },
  unknown_follow_up: { nl: 'Dit opvolgpunt hoort niet bij dit contactmoment.', en: 'This follow-up does not belong to this contact moment.' },
  import_stale: {
    nl: 'Het register veranderde sinds de voorvertoning (of iemand anders importeerde intussen). Er is niets gewijzigd: bekijk de voorvertoning opnieuw.',
    en: 'The register changed since the preview (or someone else imported meanwhile). Nothing was changed: review the preview again.',
  },
  too_many: { nl: 'Dit zijn er te veel.', en: 'There are too many.' },
  unknown_zone: { nl: 'Deze zone bestaat niet op dit bedrijventerrein.', en: 'This zone does not exist on this park.' },
  zone_too_deep: { nl: 'Een subzone kan zelf geen subzones hebben.', en: 'A subzone cannot have subzones of its own.' },
  duplicate_name: { nl: 'Deze naam komt al voor.', en: 'This name is already used.' },
  validation_failed: { nl: 'Sommige velden zijn niet correct ingevuld.', en: 'Some fields are not filled in correctly.' },
  store_unavailable: {
    nl: 'De gegevensopslag is tijdelijk niet bereikbaar. Probeer het zo meteen opnieuw.',
    en: 'The data store is temporarily unavailable. Please try again shortly.',
  },
  internal_error: { nl: 'Er ging iets mis aan onze kant.', en: 'Something went wrong on our side.' },
  // — member self-service: company contacts and their company —
  company_required: {
    nl: 'Kies het bedrijf waarvoor deze contactpersoon spreekt.',
    en: 'Choose the company this contact speaks for.',
  },
  // unknown_company: shared with the people block below (same text).
  company_only_for_contacts: {
    nl: 'Alleen een contactpersoon bedrijf wordt aan een bedrijf gekoppeld.',
    en: 'Only a company contact is linked to a company.',
  },
  company_not_linked: {
    nl: 'Je account is nog niet aan een bedrijf gekoppeld. Vraag de vereniging om je aan je bedrijf te koppelen.',
    en: 'Your account is not linked to a company yet. Ask the association to link you to your company.',
  },
  company_gone: {
    nl: 'Je bedrijf staat niet meer in het register van de vereniging. Neem contact op met de vereniging.',
    en: 'Your company is no longer in the association’s register. Please contact the association.',
  },
  unknown_contact: {
    nl: 'Deze contactpersoon bestaat niet (meer) bij dit bedrijf.',
    en: 'This contact does not (or no longer) exist at this company.',
  },
  // — people of the association: board, park managers, working groups —
  end_before_start: { nl: 'De einddatum ligt vóór de begindatum.', en: 'The end date is before the start date.' },
  days_per_week_range: { nl: 'Geef een aantal dagen per week tussen 0,5 en 5.', en: 'Enter a number of days per week between 0.5 and 5.' },
  days_per_week_step: { nl: 'Dagen per week gaan per halve dag: 0,5, 1, 1,5 … 5.', en: 'Days per week go in half days: 0.5, 1, 1.5 … 5.' },
  duplicate_chair: {
    nl: 'Er is in deze periode al een voorzitter. Laat de mandaten niet overlappen of kies een andere functie.',
    en: 'There is already a chair in this period. Make the terms not overlap or choose another function.',
  },
  unknown_company: { nl: 'Dit bedrijf staat niet (meer) in het register van deze vereniging.', en: 'This company is not (or no longer) in this association’s register.' },
  lead_not_member: { nl: 'De trekker moet een van de leden van de werkgroep zijn.', en: 'The lead must be one of the working group’s members.' },
  duplicate_member: { nl: 'Dit lid staat twee keer in de werkgroep.', en: 'This member is listed twice in the working group.' },
  people_busy: {
    nl: 'Iemand anders wijzigt net tegelijk de mensen van deze vereniging. Probeer het zo meteen opnieuw.',
    en: 'Someone else is changing this association’s people at the same moment. Please try again shortly.',
  },
  // — register back end: NACE codes, sectors and zones —
  unknown_nace: {
    nl: 'Deze NACE-code bestaat niet: de eerste twee cijfers zijn geen NACE-BEL-afdeling.',
    en: 'This NACE code does not exist: its first two digits are not a NACE-BEL division.',
  },
  invalid_sector: { nl: 'Een sector is een NACE-afdeling van twee cijfers, zoals 25.', en: 'A sector is a two-digit NACE division, such as 25.' },
  zone_in_use: {
    nl: 'Deze zone heeft nog bedrijven: verplaats ze eerst naar een andere zone.',
    en: 'This zone still has companies: move them to another zone first.',
  },
  // — CSV import and export of the register ({…} are filled in per line by functions/transfer) —
  csv_empty: { nl: 'Het bestand is leeg: er staat geen kopregel in.', en: 'The file is empty: it has no header row.' },
  csv_not_text: {
    nl: 'Dit is geen CSV-bestand. Bewaar het in Excel met “Opslaan als” → “CSV UTF-8” of “CSV (gescheiden door lijstscheidingsteken)”.',
    en: 'This is not a CSV file. In Excel, use “Save as” → “CSV UTF-8” or “CSV (comma or semicolon delimited)”.',
  },
  csv_kbo_file: {
    nl: 'Dit is een bestand uit het KBO-extract. Gebruik daarvoor de KBO-import op de pagina van het bedrijventerrein.',
    en: 'This is a file of the CBE (KBO) extract. Use the CBE import on the park’s page for it.',
  },
  csv_unknown_columns: {
    nl: 'Geen enkele kolom van dit bestand is herkend. Gebruik de kolomkoppen van een export (naam, ondernemingsnummer …).',
    en: 'None of this file’s columns is recognised. Use the column headers of an export (naam/name, ondernemingsnummer/enterprise number …).',
  },
  csv_contacts_file: {
    nl: 'Dit lijkt een bestand met contactpersonen. Kies “Contactpersonen” om het te importeren.',
    en: 'This looks like a file of contacts. Choose “Contacts” to import it.',
  },
  csv_companies_file: {
    nl: 'Dit lijkt een bestand met bedrijven. Kies “Bedrijven” om het te importeren.',
    en: 'This looks like a file of companies. Choose “Companies” to import it.',
  },
  csv_missing_column: { nl: 'Er ontbreekt een kolom: {column}.', en: 'A column is missing: {column}.' },
  csv_duplicate_column: { nl: 'De kolom “{column}” staat twee keer in de kopregel.', en: 'The column “{column}” appears twice in the header row.' },
  csv_too_many_rows: { nl: 'Te veel regels: hoogstens {max} per import. Splits het bestand.', en: 'Too many rows: at most {max} per import. Split the file.' },
  csv_too_broken: {
    nl: 'Te veel onleesbare regels: dit lijkt geen CSV-bestand. Niets na regel {line} is gelezen.',
    en: 'Too many unreadable rows: this does not look like a CSV file. Nothing after row {line} was read.',
  },
  csv_broken_line: {
    nl: 'Deze regel is onleesbaar: een aanhalingsteken (") wordt niet gesloten of staat midden in een waarde. Zet de waarde tussen aanhalingstekens en verdubbel die erbinnen.',
    en: 'This row cannot be read: a quote (") is not closed or stands inside a value. Put the value in quotes and double the quotes inside it.',
  },
  csv_column_count: {
    nl: 'Deze regel heeft {found} waarden, de kopregel {expected} kolommen. Staat er een scheidingsteken te veel of te weinig?',
    en: 'This row has {found} values, the header row {expected} columns. Is there a separator too many or too few?',
  },
  csv_unknown_park: {
    nl: 'Onbekend bedrijventerrein. Gebruik de naam van een van de terreinen van de vereniging: {names}.',
    en: 'Unknown park. Use the name of one of the association’s parks: {names}.',
  },
  csv_park_required: {
    nl: 'Voor een nieuw bedrijf is een bedrijventerrein nodig (kolom “bedrijventerrein”).',
    en: 'A new company needs a park (column “bedrijventerrein”/“park”).',
  },
  csv_unknown_zone: { nl: 'Deze zone bestaat niet op {park}.', en: 'This zone does not exist on {park}.' },
  csv_unknown_nace: {
    nl: 'Onbekende NACE-code: {division} is geen afdeling van NACE-BEL 2008.',
    en: 'Unknown NACE code: {division} is not a NACE-BEL 2008 division.',
  },
  csv_invalid_status: {
    nl: 'Onbekende lidmaatschapsstatus. Gebruik prospect, geïnteresseerd, lid of voormalig lid.',
    en: 'Unknown membership status. Use prospect, interested, member or former member.',
  },
  csv_invalid_size_class: {
    nl: 'Onbekende grootteklasse. Gebruik micro, klein, middelgroot of groot.',
    en: 'Unknown size class. Use micro, small, medium or large.',
  },
  csv_invalid_yes_no: { nl: 'Vul ja of nee in.', en: 'Enter yes or no.' },
  csv_unknown_id: {
    nl: 'Geen bedrijf met deze id in het register (verwijderd, of uit een andere vereniging). Maak de cel leeg om het als nieuw bedrijf toe te voegen.',
    en: 'No company with this id in the register (removed, or of another association). Empty the cell to add it as a new company.',
  },
  csv_company_not_found: {
    nl: 'Geen bedrijf in het register met deze bedrijf-id, dit vestigingsnummer of dit ondernemingsnummer.',
    en: 'No company in the register with this company id, establishment number or enterprise number.',
  },
  csv_company_key_required: {
    nl: 'Vul de bedrijf-id, het vestigingsnummer of het ondernemingsnummer in: zo weet de import bij welk bedrijf deze contactpersoon hoort.',
    en: 'Fill in the company id, establishment number or enterprise number, so the import knows which company this contact belongs to.',
  },
  csv_ambiguous_match: {
    nl: 'Meer dan één vestiging in het register heeft dit ondernemingsnummer. Voeg de kolom id of vestigingsnummer toe.',
    en: 'More than one establishment in the register has this enterprise number. Add the id or establishment number column.',
  },
  csv_duplicate_in_file: { nl: 'Dit bedrijf staat ook al op regel {line} van het bestand.', en: 'This company is also on row {line} of the file.' },
  csv_duplicate_in_register: {
    nl: 'Het register heeft al een bedrijf met dit nummer: {name}. Een vestiging staat maar één keer in het register.',
    en: 'The register already has a company with this number: {name}. An establishment is in the register only once.',
  },
  csv_duplicate_contact: { nl: 'Deze contactpersoon staat ook al op regel {line} van het bestand.', en: 'This contact is also on row {line} of the file.' },
  csv_unknown_contact: {
    nl: 'Dit bedrijf heeft geen contactpersoon met deze contact-id. Maak de cel leeg om een nieuwe contactpersoon toe te voegen.',
    en: 'This company has no contact with this contact id. Empty the cell to add a new contact.',
  },
  csv_too_many_contacts: { nl: 'Een bedrijf heeft hoogstens {max} contactpersonen.', en: 'A company has at most {max} contacts.' },
  import_has_errors: {
    nl: 'Het bestand bevat nog fouten; er is niets geïmporteerd. Verbeter ze en bekijk de voorvertoning opnieuw.',
    en: 'The file still has errors; nothing was imported. Fix them and preview again.',
  },
  import_too_large: {
    nl: 'Dit bestand is te groot om in één keer te importeren; er is niets gewijzigd. Splits het in kleinere bestanden.',
    en: 'This file is too large to import in one go; nothing was changed. Split it into smaller files.',
  },
  export_too_large: {
    nl: 'Deze export is te groot voor één bestand. Exporteer per bedrijventerrein.',
    en: 'This export is too large for one file. Export one park at a time.',
  },
  // — activities (issue #5): events, registrations, waitlist, attendance —
  invalid_datetime: {
    nl: 'Geef een datum en uur in met tijdzone, zoals 2027-06-03T12:00:00+02:00.',
    en: 'Enter a date and time with its time zone, such as 2027-06-03T12:00:00+02:00.',
  },
  in_the_past: { nl: 'Dit moment ligt in het verleden.', en: 'This moment is in the past.' },
  // end_before_start and unknown_company: shared with the blocks above (same meaning).
  repeat_until_before_start: { nl: 'De reeks eindigt vóór de eerste keer.', en: 'The series ends before its first occurrence.' },
  too_many_occurrences: { nl: 'Een reeks heeft hoogstens 52 keer; kies een vroegere einddatum.', en: 'A series has at most 52 occurrences; choose an earlier end date.' },
  capacity_below_registrations: {
    nl: 'Er zijn al meer bevestigde inschrijvingen dan dit aantal plaatsen.',
    en: 'There are already more confirmed registrations than this number of seats.',
  },
  year_change_with_registrations: {
    nl: 'Met inschrijvingen kan een activiteit niet naar een ander jaar verhuizen: annuleer ze en maak een nieuwe.',
    en: 'An activity with registrations cannot move to another year: cancel it and create a new one.',
  },
  audience_without_members: {
    nl: 'Een koepel heeft zelf geen leden: kies verenigingen of alle verenigingen van de koepel.',
    en: 'An umbrella has no members of its own: choose associations, or all of the umbrella’s associations.',
  },
  audience_without_umbrella: { nl: 'Deze vereniging hoort niet bij een koepel.', en: 'This association does not belong to an umbrella.' },
  unknown_association: {
    nl: 'Deze vereniging bestaat niet of hoort niet bij dezelfde koepel.',
    en: 'This association does not exist or does not belong to the same umbrella.',
  },
  not_your_company: {
    nl: 'Je kan alleen collega’s inschrijven van het bedrijf waarvoor je contactpersoon bent.',
    en: 'You can only register colleagues of the company you are the contact for.',
  },
  activity_cancelled: { nl: 'Deze activiteit is geannuleerd.', en: 'This activity was cancelled.' },
  registration_closed: { nl: 'De inschrijvingen voor deze activiteit zijn gesloten.', en: 'Registration for this activity is closed.' },
  registration_deadline_passed: {
    nl: 'De inschrijvingstermijn is voorbij. Neem contact op met de organisator.',
    en: 'The registration deadline has passed. Contact the organiser.',
  },
  company_limit_reached: {
    nl: 'Je bedrijf heeft het maximum aantal inschrijvingen voor deze activiteit bereikt.',
    en: 'Your company has reached the maximum number of registrations for this activity.',
  },
  outside_audience: {
    nl: 'Deze activiteit staat niet open voor de leden van deze vereniging.',
    en: 'This activity is not open to members of this association.',
  },
  already_registered: {
    nl: 'Deze persoon is al ingeschreven voor deze activiteit (via een ander bedrijf).',
    en: 'This person is already registered for this activity (through another company).',
  },
  whole_company_not_allowed: {
    nl: 'Alleen voor collectieve en sociale acties kan een bedrijf zich als geheel inschrijven.',
    en: 'Only collective and social actions take registrations of a company as a whole.',
  },
  not_confirmed: {
    nl: 'Alleen bevestigde inschrijvingen krijgen een aanwezigheid.',
    en: 'Only confirmed registrations get an attendance.',
  },
  not_registered: { nl: 'Dit bedrijf is niet ingeschreven voor deze activiteit.', en: 'This company is not registered for this activity.' },
  activity_started: { nl: 'Deze activiteit is al begonnen.', en: 'This activity has already started.' },
  // — budgets and subsidy KPIs —
  invalid_amount: { nl: 'Geef een bedrag in eurocent in, als geheel getal.', en: 'Enter an amount in euro cents, as a whole number.' },
  amount_too_large: { nl: 'Dit bedrag is te groot.', en: 'This amount is too large.' },
  unknown_source: { nl: 'Onbekende bron van inkomsten.', en: 'Unknown source of income.' },
  unknown_category: { nl: 'Onbekende kostensoort.', en: 'Unknown cost category.' },
  unknown_line_kind: { nl: 'Een regel is inkomsten of kosten.', en: 'A line is income or costs.' },
  invalid_year: { nl: 'Geef een jaar tussen 2000 en 2100 in.', en: 'Enter a year between 2000 and 2100.' },
  period_outside_year: { nl: 'Deze datum valt buiten het jaar van de begroting.', en: 'This date is outside the budget’s year.' },
  period_reversed: { nl: 'De periode eindigt vóór ze begint.', en: 'The period ends before it starts.' },
  period_overlap: {
    nl: 'Deze periode overlapt met een eerdere regel van dezelfde soort.',
    en: 'This period overlaps an earlier line of the same kind.',
  },
  // — the umbrella's yearly report —
  period_too_long: { nl: 'Kies een periode van hoogstens 5 jaar.', en: 'Choose a period of at most 5 years.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof errorMessages;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

export function messageFor(code: ErrorCode, locale: Locale): string {
  return errorMessages[code][locale];
}

/** Picks the first supported language from an Accept-Language header; Dutch when none matches. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'nl';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => (LOCALES as readonly string[]).includes(r.lang))?.lang as Locale) ?? 'nl';
}
