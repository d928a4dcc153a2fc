/**
 * NACE-BEL 2008 at division level: the 88 two-digit divisions (01–99, with gaps) and the 21 sections (A–U) they
 * belong to, with their Dutch and English labels (Statbel / Eurostat NACE Rev. 2).
 *
 * The register stores a company's code as the CBE/KBO gives it (`25.620`, `46.69`, `62`); what we check and show
 * is its division: a code is known when its first two digits are a division. Finer levels (5 digits) have over
 * 900 codes and change with every NACE-BEL release, so they are not listed here. NACE 2025 (Rev. 2.1) codes, which
 * newer extracts carry too, keep the division numbers of 2008 (it only drops 45), so they check the same way.
 */
import type { Locale } from './messages';

export type NaceSectionCode = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U';
export type NaceLabels = { nl: string; en: string };
export type NaceSectionEntry = { code: NaceSectionCode } & NaceLabels;
export type NaceDivision = { code: string; section: NaceSectionCode } & NaceLabels;

export const NACE_BEL_SECTIONS: readonly NaceSectionEntry[] = [
  { code: 'A', nl: 'Landbouw, bosbouw en visserij', en: 'Agriculture, forestry and fishing' },
  { code: 'B', nl: 'Winning van delfstoffen', en: 'Mining and quarrying' },
  { code: 'C', nl: 'Industrie', en: 'Manufacturing' },
  { code: 'D', nl: 'Productie en distributie van elektriciteit, gas, stoom en gekoelde lucht', en: 'Electricity, gas, steam and air conditioning supply' },
  { code: 'E', nl: 'Distributie van water; afval- en afvalwaterbeheer en sanering', en: 'Water supply; sewerage, waste management and remediation activities' },
  { code: 'F', nl: 'Bouwnijverheid', en: 'Construction' },
  { code: 'G', nl: 'Groot- en detailhandel; reparatie van auto’s en motorfietsen', en: 'Wholesale and retail trade; repair of motor vehicles and motorcycles' },
  { code: 'H', nl: 'Vervoer en opslag', en: 'Transportation and storage' },
  { code: 'I', nl: 'Verschaffen van accommodatie en maaltijden', en: 'Accommodation and food service activities' },
  { code: 'J', nl: 'Informatie en communicatie', en: 'Information and communication' },
  { code: 'K', nl: 'Financiële activiteiten en verzekeringen', en: 'Financial and insurance activities' },
  { code: 'L', nl: 'Exploitatie van en handel in onroerend goed', en: 'Real estate activities' },
  { code: 'M', nl: 'Vrije beroepen en wetenschappelijke en technische activiteiten', en: 'Professional, scientific and technical activities' },
  { code: 'N', nl: 'Administratieve en ondersteunende diensten', en: 'Administrative and support service activities' },
  { code: 'O', nl: 'Openbaar bestuur en defensie; verplichte sociale verzekeringen', en: 'Public administration and defence; compulsory social security' },
  { code: 'P', nl: 'Onderwijs', en: 'Education' },
  { code: 'Q', nl: 'Menselijke gezondheidszorg en maatschappelijke dienstverlening', en: 'Human health and social work activities' },
  { code: 'R', nl: 'Kunst, amusement en recreatie', en: 'Arts, entertainment and recreation' },
  { code: 'S', nl: 'Overige diensten', en: 'Other service activities' },
  {
    code: 'T',
    nl: 'Huishoudens als werkgever; niet-gedifferentieerde productie van goederen en diensten door huishoudens voor eigen gebruik',
    en: 'Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use',
  },
  { code: 'U', nl: 'Extraterritoriale organisaties en lichamen', en: 'Activities of extraterritorial organisations and bodies' },
];

/** [division, section, Dutch, English], in code order. */
const DIVISIONS: readonly (readonly [string, NaceSectionCode, string, string])[] = [
  ['01', 'A', 'Teelt van gewassen, veeteelt, jacht en diensten in verband met deze activiteiten', 'Crop and animal production, hunting and related service activities'],
  ['02', 'A', 'Bosbouw en de exploitatie van bossen', 'Forestry and logging'],
  ['03', 'A', 'Visserij en aquacultuur', 'Fishing and aquaculture'],
  ['05', 'B', 'Winning van steenkool en bruinkool', 'Mining of coal and lignite'],
  ['06', 'B', 'Winning van aardolie en aardgas', 'Extraction of crude petroleum and natural gas'],
  ['07', 'B', 'Winning van metaalertsen', 'Mining of metal ores'],
  ['08', 'B', 'Overige winning van delfstoffen', 'Other mining and quarrying'],
  ['09', 'B', 'Ondersteunende activiteiten in verband met de mijnbouw', 'Mining support service activities'],
  ['10', 'C', 'Vervaardiging van voedingsmiddelen', 'Manufacture of food products'],
  ['11', 'C', 'Vervaardiging van dranken', 'Manufacture of beverages'],
  ['12', 'C', 'Vervaardiging van tabaksproducten', 'Manufacture of tobacco products'],
  ['13', 'C', 'Vervaardiging van textiel', 'Manufacture of textiles'],
  ['14', 'C', 'Vervaardiging van kleding', 'Manufacture of wearing apparel'],
  ['15', 'C', 'Vervaardiging van leer en van producten van leer', 'Manufacture of leather and related products'],
  [
    '16', 'C',
    'Houtindustrie en vervaardiging van artikelen van hout en van kurk, exclusief meubelen; vervaardiging van artikelen van riet en van vlechtwerk',
    'Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw and plaiting materials',
  ],
  ['17', 'C', 'Vervaardiging van papier en papierwaren', 'Manufacture of paper and paper products'],
  ['18', 'C', 'Drukkerijen, reproductie van opgenomen media', 'Printing and reproduction of recorded media'],
  ['19', 'C', 'Vervaardiging van cokes en van geraffineerde aardolieproducten', 'Manufacture of coke and refined petroleum products'],
  ['20', 'C', 'Vervaardiging van chemische producten', 'Manufacture of chemicals and chemical products'],
  ['21', 'C', 'Vervaardiging van farmaceutische grondstoffen en producten', 'Manufacture of basic pharmaceutical products and pharmaceutical preparations'],
  ['22', 'C', 'Vervaardiging van producten van rubber of kunststof', 'Manufacture of rubber and plastic products'],
  ['23', 'C', 'Vervaardiging van andere niet-metaalhoudende minerale producten', 'Manufacture of other non-metallic mineral products'],
  ['24', 'C', 'Vervaardiging van metalen in primaire vorm', 'Manufacture of basic metals'],
  ['25', 'C', 'Vervaardiging van producten van metaal, exclusief machines en apparaten', 'Manufacture of fabricated metal products, except machinery and equipment'],
  ['26', 'C', 'Vervaardiging van informaticaproducten en van elektronische en optische producten', 'Manufacture of computer, electronic and optical products'],
  ['27', 'C', 'Vervaardiging van elektrische apparatuur', 'Manufacture of electrical equipment'],
  ['28', 'C', 'Vervaardiging van machines, apparaten en werktuigen, n.e.g.', 'Manufacture of machinery and equipment n.e.c.'],
  ['29', 'C', 'Vervaardiging en assemblage van motorvoertuigen, aanhangwagens en opleggers', 'Manufacture of motor vehicles, trailers and semi-trailers'],
  ['30', 'C', 'Vervaardiging van andere transportmiddelen', 'Manufacture of other transport equipment'],
  ['31', 'C', 'Vervaardiging van meubelen', 'Manufacture of furniture'],
  ['32', 'C', 'Overige industrie', 'Other manufacturing'],
  ['33', 'C', 'Reparatie en installatie van machines en apparaten', 'Repair and installation of machinery and equipment'],
  ['35', 'D', 'Productie en distributie van elektriciteit, gas, stoom en gekoelde lucht', 'Electricity, gas, steam and air conditioning supply'],
  ['36', 'E', 'Winning, behandeling en distributie van water', 'Water collection, treatment and supply'],
  ['37', 'E', 'Afvalwaterafvoer', 'Sewerage'],
  ['38', 'E', 'Inzameling, verwerking en verwijdering van afval; terugwinning', 'Waste collection, treatment and disposal activities; materials recovery'],
  ['39', 'E', 'Sanering en ander afvalbeheer', 'Remediation activities and other waste management services'],
  ['41', 'F', 'Bouw van gebouwen; ontwikkeling van bouwprojecten', 'Construction of buildings'],
  ['42', 'F', 'Weg- en waterbouw', 'Civil engineering'],
  ['43', 'F', 'Gespecialiseerde bouwwerkzaamheden', 'Specialised construction activities'],
  ['45', 'G', 'Groot- en detailhandel in en onderhoud en reparatie van motorvoertuigen en motorfietsen', 'Wholesale and retail trade and repair of motor vehicles and motorcycles'],
  ['46', 'G', 'Groothandel, met uitzondering van de handel in motorvoertuigen en motorfietsen', 'Wholesale trade, except of motor vehicles and motorcycles'],
  ['47', 'G', 'Detailhandel, met uitzondering van de handel in auto’s en motorfietsen', 'Retail trade, except of motor vehicles and motorcycles'],
  ['49', 'H', 'Vervoer te land en via pijpleidingen', 'Land transport and transport via pipelines'],
  ['50', 'H', 'Vervoer over water', 'Water transport'],
  ['51', 'H', 'Luchtvaart', 'Air transport'],
  ['52', 'H', 'Opslag en vervoersondersteunende activiteiten', 'Warehousing and support activities for transportation'],
  ['53', 'H', 'Posterijen en koeriers', 'Postal and courier activities'],
  ['55', 'I', 'Verschaffen van accommodatie', 'Accommodation'],
  ['56', 'I', 'Eet- en drinkgelegenheden', 'Food and beverage service activities'],
  ['58', 'J', 'Uitgeverijen', 'Publishing activities'],
  [
    '59', 'J',
    'Productie van films en van video- en televisieprogramma’s, maken van geluidsopnamen en uitgeven van muziekopnamen',
    'Motion picture, video and television programme production, sound recording and music publishing activities',
  ],
  ['60', 'J', 'Programmeren en uitzenden van radio- en televisieprogramma’s', 'Programming and broadcasting activities'],
  ['61', 'J', 'Telecommunicatie', 'Telecommunications'],
  [
    '62', 'J',
    'Ontwerpen en programmeren van computerprogramma’s, computerconsultancy-activiteiten en aanverwante activiteiten',
    'Computer programming, consultancy and related activities',
  ],
  ['63', 'J', 'Dienstverlenende activiteiten op het gebied van informatie', 'Information service activities'],
  ['64', 'K', 'Financiële dienstverlening, exclusief verzekeringen en pensioenfondsen', 'Financial service activities, except insurance and pension funding'],
  ['65', 'K', 'Verzekeringen, herverzekeringen en pensioenfondsen, exclusief verplichte sociale verzekeringen', 'Insurance, reinsurance and pension funding, except compulsory social security'],
  ['66', 'K', 'Ondersteunende activiteiten in verband met financiële diensten en verzekeringen', 'Activities auxiliary to financial services and insurance activities'],
  ['68', 'L', 'Exploitatie van en handel in onroerend goed', 'Real estate activities'],
  ['69', 'M', 'Rechtskundige en boekhoudkundige dienstverlening', 'Legal and accounting activities'],
  ['70', 'M', 'Activiteiten van hoofdkantoren; adviesbureaus op het gebied van bedrijfsbeheer', 'Activities of head offices; management consultancy activities'],
  ['71', 'M', 'Architecten en ingenieurs; technische testen en toetsen', 'Architectural and engineering activities; technical testing and analysis'],
  ['72', 'M', 'Speur- en ontwikkelingswerk op wetenschappelijk gebied', 'Scientific research and development'],
  ['73', 'M', 'Reclamewezen en marktonderzoek', 'Advertising and market research'],
  ['74', 'M', 'Overige gespecialiseerde wetenschappelijke en technische activiteiten', 'Other professional, scientific and technical activities'],
  ['75', 'M', 'Veterinaire diensten', 'Veterinary activities'],
  ['77', 'N', 'Verhuur en lease', 'Rental and leasing activities'],
  ['78', 'N', 'Terbeschikkingstelling van personeel', 'Employment activities'],
  ['79', 'N', 'Reisbureaus, reisorganisatoren, reserveringsbureaus en aanverwante activiteiten', 'Travel agency, tour operator and other reservation service and related activities'],
  ['80', 'N', 'Beveiligings- en opsporingsdiensten', 'Security and investigation activities'],
  ['81', 'N', 'Diensten in verband met gebouwen; landschapsverzorging', 'Services to buildings and landscape activities'],
  [
    '82', 'N',
    'Administratieve en ondersteunende activiteiten ten behoeve van kantoren en overige zakelijke activiteiten',
    'Office administrative, office support and other business support activities',
  ],
  ['84', 'O', 'Openbaar bestuur en defensie; verplichte sociale verzekeringen', 'Public administration and defence; compulsory social security'],
  ['85', 'P', 'Onderwijs', 'Education'],
  ['86', 'Q', 'Menselijke gezondheidszorg', 'Human health activities'],
  ['87', 'Q', 'Maatschappelijke dienstverlening met huisvesting', 'Residential care activities'],
  ['88', 'Q', 'Maatschappelijke dienstverlening zonder huisvesting', 'Social work activities without accommodation'],
  ['90', 'R', 'Creatieve activiteiten, kunst en amusement', 'Creative, arts and entertainment activities'],
  ['91', 'R', 'Bibliotheken, archieven, musea en overige culturele activiteiten', 'Libraries, archives, museums and other cultural activities'],
  ['92', 'R', 'Loterijen en kansspelen', 'Gambling and betting activities'],
  ['93', 'R', 'Sport, ontspanning en recreatie', 'Sports activities and amusement and recreation activities'],
  ['94', 'S', 'Verenigingen', 'Activities of membership organisations'],
  ['95', 'S', 'Reparatie van computers en consumentenartikelen', 'Repair of computers and personal and household goods'],
  ['96', 'S', 'Overige persoonlijke diensten', 'Other personal service activities'],
  ['97', 'T', 'Huishoudens als werkgever van huishoudelijk personeel', 'Activities of households as employers of domestic personnel'],
  [
    '98', 'T',
    'Niet-gedifferentieerde productie van goederen en diensten door particuliere huishoudens voor eigen gebruik',
    'Undifferentiated goods- and services-producing activities of private households for own use',
  ],
  ['99', 'U', 'Extraterritoriale organisaties en lichamen', 'Activities of extraterritorial organisations and bodies'],
];

/** The 88 divisions in code order, e.g. for a sector picker: `{ code: '25', section: 'C', nl, en }`. */
export const NACE_DIVISIONS: readonly NaceDivision[] = DIVISIONS.map(([code, section, nl, en]) => ({ code, section, nl, en }));

const byCode = new Map(NACE_DIVISIONS.map((division) => [division.code, division]));
const sectionByCode = new Map(NACE_BEL_SECTIONS.map((section) => [section.code, section]));

/** A 2-digit division code (`'25'`) as written in a list filter. */
export const NACE_DIVISION_PATTERN = /^\d{2}$/;

/**
 * The division of a code as the register or the CBE writes it (`25.620`, `25620`, `25.62`, `25`), or undefined
 * when it does not start with two digits. Says nothing about whether the division exists: see isKnownNaceCode.
 */
export function naceDivisionOf(code: string | null | undefined): string | undefined {
  const match = /^\s*(\d{2})/.exec(code ?? '');
  return match ? match[1] : undefined;
}

/** Known = its division is one of the 88 divisions of NACE-BEL 2008. */
export function isKnownNaceCode(code: string | null | undefined): boolean {
  const division = naceDivisionOf(code);
  return division !== undefined && byCode.has(division);
}

export function naceDivision(code: string | null | undefined): NaceDivision | undefined {
  const division = naceDivisionOf(code);
  return division === undefined ? undefined : byCode.get(division);
}

/** The label of the code's division in the given language, or undefined for an unknown code. */
export function naceLabel(code: string | null | undefined, locale: Locale): string | undefined {
  return naceDivision(code)?.[locale];
}

/** The section (A–U) the code's division belongs to. */
export function naceSectionEntry(code: string | null | undefined): NaceSectionEntry | undefined {
  const division = naceDivision(code);
  return division ? sectionByCode.get(division.section) : undefined;
}
