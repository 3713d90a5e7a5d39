/// The built-in ISO 3166-1 table: every one of the 249 ISO 3166-1 entries (states and
/// territories), plus Kosovo under the user-assigned code XK/XKX that IATI, the World Bank and the
/// European Union publish (it has no ISO 3166-1 code; real IATI files use it), with its alpha-2, alpha-3 and
/// numeric code, an English short name, the UN M49 region and sub-region, the UNESCO region a
/// country counts in for statistics, a secondary UNESCO region and the other names it is written
/// under. A pipeline may override or extend it from a CSV file (`reference: countries:`).
///
/// Sources (facts only): ISO 3166-1 codes and UN M49 regions as compiled by
/// lukes/ISO-3166-Countries-with-Regional-Codes and datasets/country-codes (datahub.io); UNESCO
/// electoral groups from the UNESCO Member State list (alexcurylo/iso3166-flags-maps-worldheritage);
/// UNESCO regions from UNESCO's own country list export (2014, via zimmerman-team/IATI.cloud);
/// aliases also from UNTERM, CLDR English display names, World Bank country names and the
/// spellings used by UNESCO's GNLC and UCCN pages.
///
/// Names follow UN M49 English usage, shortened where the UN form has a parenthetical qualifier
/// ("Bolivia", "Iran", "Venezuela", "Micronesia", "Netherlands", "Falkland Islands",
/// "Saint Martin", "Sint Maarten"); the two Chinese SARs are "Hong Kong" and "Macao", and three
/// long forms are shortened ("United Kingdom", "United States", "Tanzania"). M49 does not list
/// Taiwan: it is "Taiwan" with the region of its geography (Asia, Eastern Asia). Antarctica
/// belongs to no M49 region; both M49 fields are empty.
///
/// UNESCO regions: AFR Africa, ARB Arab States, APA Asia and the Pacific, EUR Europe and North
/// America, LAC Latin America and the Caribbean.
/// 1. A Member State counts in the region of its UNESCO electoral group: I, II -> EUR; III -> LAC;
///    IV -> APA; Va -> AFR; Vb -> ARB. So Egypt counts in ARB (as the GNLC reports it) and
///    Kazakhstan in APA.
/// 2. Where UNESCO's country list places a Member State in two regions, the other one is the
///    secondary region: Algeria, Egypt, Libya, Mauritania, Morocco, Sudan, Tunisia (ARB, AFR);
///    Djibouti, Somalia (AFR, ARB); Russian Federation, Tajikistan, Türkiye (EUR, APA);
///    Kazakhstan (APA, EUR); Malta (EUR, ARB). Uzbekistan is in group II but UNESCO lists it in
///    Asia and the Pacific only: it counts in EUR by rule 1, with APA as secondary region.
/// 3. An Associate Member takes the region UNESCO's country list gives it (Anguilla, Aruba,
///    British Virgin Islands, Cayman Islands, Curaçao, Sint Maarten -> LAC; Faroe Islands -> EUR;
///    Macao, Tokelau -> APA). Montserrat, admitted in 2015 after that list, falls under rule 4.
/// 4. Every other entry (territories, the Holy See, Taiwan) takes the region of its M49
///    geography: Latin America and the Caribbean -> LAC; Northern America and Europe -> EUR;
///    Sub-Saharan Africa -> AFR; Asia and Oceania -> APA; Western Sahara, the only such entry in
///    Northern Africa, -> AFR. Antarctica and the sub-Antarctic islands, whose M49 placement is
///    nominal, take the region of the administering state (Bouvet Island, South Georgia and the
///    South Sandwich Islands, French Southern Territories -> EUR; Heard Island and McDonald
///    Islands -> APA); Antarctica itself, administered by no state, is put in LAC, where the
///    Antarctic Treaty Secretariat sits (Buenos Aires).
///
/// Aliases are matched after folding (case, diacritics, punctuation and spacing are ignored), so
/// they list only spellings that differ in their letters; the codes and the short name match
/// without being listed. Official names appear with and without the article ("the Kingdom of
/// Morocco", "Kingdom of Morocco", UNTERM's "Bahamas (the)") because folding keeps the word
/// "the". Ambiguous names go to one country: "Korea" -> KR, "Congo" -> CG, "Macedonia" -> MK;
/// "Virgin Islands" alone is no alias.
enum BuiltinCountries {
    /// One line per ISO 3166-1 entry, fields separated by `|`:
    /// alpha-2 | alpha-3 | numeric (3 digits) | English short name | M49 region | M49 sub-region |
    /// UNESCO region | secondary UNESCO region (or empty) | aliases separated by `;` (or empty)
    static let table = """
        AF|AFG|004|Afghanistan|Asia|Southern Asia|APA||Islamic Republic of Afghanistan;the Islamic Republic of Afghanistan
        AX|ALA|248|Åland Islands|Europe|Northern Europe|EUR||Åland
        AL|ALB|008|Albania|Europe|Southern Europe|EUR||Shqipëria;Republic of Albania;the Republic of Albania
        DZ|DZA|012|Algeria|Africa|Northern Africa|ARB|AFR|People's Democratic Republic of Algeria;the People's Democratic Republic of Algeria
        AS|ASM|016|American Samoa|Oceania|Polynesia|APA||
        AD|AND|020|Andorra|Europe|Southern Europe|EUR||Principality of Andorra;the Principality of Andorra
        AO|AGO|024|Angola|Africa|Sub-Saharan Africa|AFR||Republic of Angola;the Republic of Angola
        AI|AIA|660|Anguilla|Americas|Latin America and the Caribbean|LAC||
        AQ|ATA|010|Antarctica|||LAC||
        AG|ATG|028|Antigua and Barbuda|Americas|Latin America and the Caribbean|LAC||Antigua & Barbuda
        AR|ARG|032|Argentina|Americas|Latin America and the Caribbean|LAC||Argentine Republic;the Argentine Republic
        AM|ARM|051|Armenia|Asia|Western Asia|EUR||Republic of Armenia;the Republic of Armenia
        AW|ABW|533|Aruba|Americas|Latin America and the Caribbean|LAC||
        AU|AUS|036|Australia|Oceania|Australia and New Zealand|APA||
        AT|AUT|040|Austria|Europe|Western Europe|EUR||Österreich;Republic of Austria;the Republic of Austria
        AZ|AZE|031|Azerbaijan|Asia|Western Asia|EUR||Republic of Azerbaijan;the Republic of Azerbaijan
        BS|BHS|044|Bahamas|Americas|Latin America and the Caribbean|LAC||The Bahamas;Bahamas (the);Commonwealth of the Bahamas;the Commonwealth of the Bahamas
        BH|BHR|048|Bahrain|Asia|Western Asia|ARB||Kingdom of Bahrain;the Kingdom of Bahrain
        BD|BGD|050|Bangladesh|Asia|Southern Asia|APA||People's Republic of Bangladesh;the People's Republic of Bangladesh
        BB|BRB|052|Barbados|Americas|Latin America and the Caribbean|LAC||
        BY|BLR|112|Belarus|Europe|Eastern Europe|EUR||Republic of Belarus;the Republic of Belarus
        BE|BEL|056|Belgium|Europe|Western Europe|EUR||België;Belgique;Belgien;Kingdom of Belgium;the Kingdom of Belgium
        BZ|BLZ|084|Belize|Americas|Latin America and the Caribbean|LAC||
        BJ|BEN|204|Benin|Africa|Sub-Saharan Africa|AFR||Republic of Benin;the Republic of Benin
        BM|BMU|060|Bermuda|Americas|Northern America|EUR||
        BT|BTN|064|Bhutan|Asia|Southern Asia|APA||Kingdom of Bhutan;the Kingdom of Bhutan
        BO|BOL|068|Bolivia|Americas|Latin America and the Caribbean|LAC||Bolivia (Plurinational State of);Plurinational State of Bolivia;the Plurinational State of Bolivia
        BQ|BES|535|Bonaire, Sint Eustatius and Saba|Americas|Latin America and the Caribbean|LAC||Caribbean Netherlands;Bonaire;BES Islands;Bonaire, Saint Eustatius and Saba
        BA|BIH|070|Bosnia and Herzegovina|Europe|Southern Europe|EUR||Bosnia-Herzegovina;Bosna i Hercegovina;Bosnia
        BW|BWA|072|Botswana|Africa|Sub-Saharan Africa|AFR||Republic of Botswana;the Republic of Botswana
        BV|BVT|074|Bouvet Island|Americas|Latin America and the Caribbean|EUR||
        BR|BRA|076|Brazil|Americas|Latin America and the Caribbean|LAC||Brasil;Federative Republic of Brazil;the Federative Republic of Brazil
        IO|IOT|086|British Indian Ocean Territory|Africa|Sub-Saharan Africa|AFR||
        BN|BRN|096|Brunei Darussalam|Asia|South-eastern Asia|APA||Brunei
        BG|BGR|100|Bulgaria|Europe|Eastern Europe|EUR||Republic of Bulgaria;the Republic of Bulgaria
        BF|BFA|854|Burkina Faso|Africa|Sub-Saharan Africa|AFR||
        BI|BDI|108|Burundi|Africa|Sub-Saharan Africa|AFR||Republic of Burundi;the Republic of Burundi
        CV|CPV|132|Cabo Verde|Africa|Sub-Saharan Africa|AFR||Cape Verde;Republic of Cabo Verde;the Republic of Cabo Verde
        KH|KHM|116|Cambodia|Asia|South-eastern Asia|APA||Kingdom of Cambodia;the Kingdom of Cambodia
        CM|CMR|120|Cameroon|Africa|Sub-Saharan Africa|AFR||Republic of Cameroon;the Republic of Cameroon
        CA|CAN|124|Canada|Americas|Northern America|EUR||
        KY|CYM|136|Cayman Islands|Americas|Latin America and the Caribbean|LAC||Cayman Islands (the);the Cayman Islands
        CF|CAF|140|Central African Republic|Africa|Sub-Saharan Africa|AFR||Central African Republic (the);the Central African Republic
        TD|TCD|148|Chad|Africa|Sub-Saharan Africa|AFR||Republic of Chad;the Republic of Chad
        CL|CHL|152|Chile|Americas|Latin America and the Caribbean|LAC||Republic of Chile;the Republic of Chile
        CN|CHN|156|China|Asia|Eastern Asia|APA||People's Republic of China;PR China;PRC;China, People's Republic of;Mainland China;the People's Republic of China
        CX|CXR|162|Christmas Island|Oceania|Australia and New Zealand|APA||
        CC|CCK|166|Cocos (Keeling) Islands|Oceania|Australia and New Zealand|APA||Cocos Islands
        CO|COL|170|Colombia|Americas|Latin America and the Caribbean|LAC||Republic of Colombia;the Republic of Colombia
        KM|COM|174|Comoros|Africa|Sub-Saharan Africa|AFR||Comoros (the);the Comoros;Union of the Comoros;the Union of the Comoros
        CG|COG|178|Congo|Africa|Sub-Saharan Africa|AFR||Republic of the Congo;Republic of Congo;Congo, Rep.;Congo-Brazzaville;Congo (the);the Congo;the Republic of the Congo
        CD|COD|180|Democratic Republic of the Congo|Africa|Sub-Saharan Africa|AFR||DR Congo;DRC;Congo, Dem. Rep.;Democratic Republic of Congo;Congo-Kinshasa;Congo, Democratic Republic of the;Democratic Republic of the Congo (the);the Democratic Republic of the Congo
        CK|COK|184|Cook Islands|Oceania|Polynesia|APA||Cook Islands (the);the Cook Islands
        CR|CRI|188|Costa Rica|Americas|Latin America and the Caribbean|LAC||Republic of Costa Rica;the Republic of Costa Rica
        CI|CIV|384|Côte d'Ivoire|Africa|Sub-Saharan Africa|AFR||Ivory Coast;Republic of Côte d'Ivoire;the Republic of Côte d'Ivoire
        HR|HRV|191|Croatia|Europe|Southern Europe|EUR||Hrvatska;Republic of Croatia;the Republic of Croatia
        CU|CUB|192|Cuba|Americas|Latin America and the Caribbean|LAC||Republic of Cuba;the Republic of Cuba
        CW|CUW|531|Curaçao|Americas|Latin America and the Caribbean|LAC||
        CY|CYP|196|Cyprus|Asia|Western Asia|EUR||Republic of Cyprus;the Republic of Cyprus
        CZ|CZE|203|Czechia|Europe|Eastern Europe|EUR||Czech Republic;Česko;Česká republika;the Czech Republic
        DK|DNK|208|Denmark|Europe|Northern Europe|EUR||Danmark;Kingdom of Denmark;the Kingdom of Denmark
        DJ|DJI|262|Djibouti|Africa|Sub-Saharan Africa|AFR|ARB|Republic of Djibouti;the Republic of Djibouti
        DM|DMA|212|Dominica|Americas|Latin America and the Caribbean|LAC||Commonwealth of Dominica;the Commonwealth of Dominica
        DO|DOM|214|Dominican Republic|Americas|Latin America and the Caribbean|LAC||República Dominicana;Dominican Republic (the);the Dominican Republic
        EC|ECU|218|Ecuador|Americas|Latin America and the Caribbean|LAC||Republic of Ecuador;the Republic of Ecuador
        EG|EGY|818|Egypt|Africa|Northern Africa|ARB|AFR|Egypt, Arab Rep.;Arab Republic of Egypt;the Arab Republic of Egypt
        SV|SLV|222|El Salvador|Americas|Latin America and the Caribbean|LAC||Republic of El Salvador;the Republic of El Salvador
        GQ|GNQ|226|Equatorial Guinea|Africa|Sub-Saharan Africa|AFR||Republic of Equatorial Guinea;the Republic of Equatorial Guinea
        ER|ERI|232|Eritrea|Africa|Sub-Saharan Africa|AFR||State of Eritrea;the State of Eritrea
        EE|EST|233|Estonia|Europe|Northern Europe|EUR||Eesti;Republic of Estonia;the Republic of Estonia
        SZ|SWZ|748|Eswatini|Africa|Sub-Saharan Africa|AFR||Swaziland;Kingdom of Eswatini;the Kingdom of Eswatini;Kingdom of Swaziland;the Kingdom of Swaziland
        ET|ETH|231|Ethiopia|Africa|Sub-Saharan Africa|AFR||Federal Democratic Republic of Ethiopia;the Federal Democratic Republic of Ethiopia
        FK|FLK|238|Falkland Islands|Americas|Latin America and the Caribbean|LAC||Falkland Islands (Malvinas);Falklands;Malvinas;Islas Malvinas
        FO|FRO|234|Faroe Islands|Europe|Northern Europe|EUR||Faroes;Faeroe Islands
        FJ|FJI|242|Fiji|Oceania|Melanesia|APA||Republic of Fiji;the Republic of Fiji;Republic of the Fiji Islands;the Republic of the Fiji Islands
        FI|FIN|246|Finland|Europe|Northern Europe|EUR||Suomi;Republic of Finland;the Republic of Finland
        FR|FRA|250|France|Europe|Western Europe|EUR||French Republic;the French Republic
        GF|GUF|254|French Guiana|Americas|Latin America and the Caribbean|LAC||
        PF|PYF|258|French Polynesia|Oceania|Polynesia|APA||
        TF|ATF|260|French Southern Territories|Africa|Sub-Saharan Africa|EUR||
        GA|GAB|266|Gabon|Africa|Sub-Saharan Africa|AFR||Gabonese Republic;the Gabonese Republic
        GM|GMB|270|Gambia|Africa|Sub-Saharan Africa|AFR||The Gambia;Gambia (the);Republic of the Gambia;the Republic of the Gambia
        GE|GEO|268|Georgia|Asia|Western Asia|EUR||
        DE|DEU|276|Germany|Europe|Western Europe|EUR||Deutschland;Federal Republic of Germany;the Federal Republic of Germany
        GH|GHA|288|Ghana|Africa|Sub-Saharan Africa|AFR||Republic of Ghana;the Republic of Ghana
        GI|GIB|292|Gibraltar|Europe|Southern Europe|EUR||
        GR|GRC|300|Greece|Europe|Southern Europe|EUR||Hellas;Hellenic Republic;the Hellenic Republic
        GL|GRL|304|Greenland|Americas|Northern America|EUR||
        GD|GRD|308|Grenada|Americas|Latin America and the Caribbean|LAC||
        GP|GLP|312|Guadeloupe|Americas|Latin America and the Caribbean|LAC||
        GU|GUM|316|Guam|Oceania|Micronesia|APA||
        GT|GTM|320|Guatemala|Americas|Latin America and the Caribbean|LAC||Republic of Guatemala;the Republic of Guatemala
        GG|GGY|831|Guernsey|Europe|Northern Europe|EUR||
        GN|GIN|324|Guinea|Africa|Sub-Saharan Africa|AFR||Republic of Guinea;the Republic of Guinea
        GW|GNB|624|Guinea-Bissau|Africa|Sub-Saharan Africa|AFR||Republic of Guinea-Bissau;the Republic of Guinea-Bissau
        GY|GUY|328|Guyana|Americas|Latin America and the Caribbean|LAC||Co-operative Republic of Guyana;the Co-operative Republic of Guyana
        HT|HTI|332|Haiti|Americas|Latin America and the Caribbean|LAC||Republic of Haiti;the Republic of Haiti
        HM|HMD|334|Heard Island and McDonald Islands|Oceania|Australia and New Zealand|APA||Heard & McDonald Islands
        VA|VAT|336|Holy See|Europe|Southern Europe|EUR||Vatican;Vatican City;Vatican City State;Holy See (Vatican City State);Holy See (the);the Holy See
        HN|HND|340|Honduras|Americas|Latin America and the Caribbean|LAC||Republic of Honduras;the Republic of Honduras
        HK|HKG|344|Hong Kong|Asia|Eastern Asia|APA||Hong Kong SAR;Hong Kong, China;Hong Kong SAR, China;HKSAR;Hong Kong Special Administrative Region;China, Hong Kong Special Administrative Region
        HU|HUN|348|Hungary|Europe|Eastern Europe|EUR||Magyarország
        IS|ISL|352|Iceland|Europe|Northern Europe|EUR||Republic of Iceland;the Republic of Iceland
        IN|IND|356|India|Asia|Southern Asia|APA||Bharat;Republic of India;the Republic of India
        ID|IDN|360|Indonesia|Asia|South-eastern Asia|APA||Republic of Indonesia;the Republic of Indonesia
        IR|IRN|364|Iran|Asia|Southern Asia|APA||Iran (Islamic Republic of);Iran, Islamic Rep.;Islamic Republic of Iran;the Islamic Republic of Iran
        IQ|IRQ|368|Iraq|Asia|Western Asia|ARB||Republic of Iraq;the Republic of Iraq
        IE|IRL|372|Ireland|Europe|Northern Europe|EUR||Éire;Republic of Ireland
        IM|IMN|833|Isle of Man|Europe|Northern Europe|EUR||
        IL|ISR|376|Israel|Asia|Western Asia|EUR||State of Israel;the State of Israel
        IT|ITA|380|Italy|Europe|Southern Europe|EUR||Italia;Republic of Italy;the Republic of Italy;Italian Republic;the Italian Republic
        JM|JAM|388|Jamaica|Americas|Latin America and the Caribbean|LAC||
        JP|JPN|392|Japan|Asia|Eastern Asia|APA||Nippon;Nihon
        JE|JEY|832|Jersey|Europe|Northern Europe|EUR||
        JO|JOR|400|Jordan|Asia|Western Asia|ARB||Hashemite Kingdom of Jordan;the Hashemite Kingdom of Jordan
        KZ|KAZ|398|Kazakhstan|Asia|Central Asia|APA|EUR|Republic of Kazakhstan;the Republic of Kazakhstan
        KE|KEN|404|Kenya|Africa|Sub-Saharan Africa|AFR||Republic of Kenya;the Republic of Kenya
        KI|KIR|296|Kiribati|Oceania|Micronesia|APA||Republic of Kiribati;the Republic of Kiribati
        KP|PRK|408|Democratic People's Republic of Korea|Asia|Eastern Asia|APA||North Korea;Korea, Dem. People's Rep.;DPRK;Korea, DPR;Korea, Dem. Rep.;Korea, Democratic People's Republic of;Democratic People's Republic of Korea (the);the Democratic People's Republic of Korea
        KR|KOR|410|Republic of Korea|Asia|Eastern Asia|APA||South Korea;Korea;Korea, Rep.;Korea, Republic of;Republic of Korea (the);the Republic of Korea
        KW|KWT|414|Kuwait|Asia|Western Asia|ARB||State of Kuwait;the State of Kuwait
        KG|KGZ|417|Kyrgyzstan|Asia|Central Asia|APA||Kyrgyz Republic;the Kyrgyz Republic
        LA|LAO|418|Lao People's Democratic Republic|Asia|South-eastern Asia|APA||Laos;Lao PDR;Lao People's Democratic Republic (the);the Lao People's Democratic Republic
        LV|LVA|428|Latvia|Europe|Northern Europe|EUR||Latvija;Republic of Latvia;the Republic of Latvia
        LB|LBN|422|Lebanon|Asia|Western Asia|ARB||Lebanese Republic;the Lebanese Republic
        LS|LSO|426|Lesotho|Africa|Sub-Saharan Africa|AFR||Kingdom of Lesotho;the Kingdom of Lesotho
        LR|LBR|430|Liberia|Africa|Sub-Saharan Africa|AFR||Republic of Liberia;the Republic of Liberia
        LY|LBY|434|Libya|Africa|Northern Africa|ARB|AFR|Libyan Arab Jamahiriya;State of Libya;the State of Libya
        LI|LIE|438|Liechtenstein|Europe|Western Europe|EUR||Principality of Liechtenstein;the Principality of Liechtenstein
        LT|LTU|440|Lithuania|Europe|Northern Europe|EUR||Lietuva;Republic of Lithuania;the Republic of Lithuania
        LU|LUX|442|Luxembourg|Europe|Western Europe|EUR||Grand Duchy of Luxembourg;the Grand Duchy of Luxembourg
        MO|MAC|446|Macao|Asia|Eastern Asia|APA||Macau;Macao, China;Macao SAR;Macau SAR;Macao SAR, China;Macao Special Administrative Region;China, Macao Special Administrative Region;Macao Special Administrative Region (of the People's Republic of China)
        MG|MDG|450|Madagascar|Africa|Sub-Saharan Africa|AFR||Republic of Madagascar;the Republic of Madagascar
        MW|MWI|454|Malawi|Africa|Sub-Saharan Africa|AFR||Republic of Malawi;the Republic of Malawi
        MY|MYS|458|Malaysia|Asia|South-eastern Asia|APA||
        MV|MDV|462|Maldives|Asia|Southern Asia|APA||Republic of Maldives;the Republic of Maldives
        ML|MLI|466|Mali|Africa|Sub-Saharan Africa|AFR||Republic of Mali;the Republic of Mali
        MT|MLT|470|Malta|Europe|Southern Europe|EUR|ARB|Republic of Malta;the Republic of Malta
        MH|MHL|584|Marshall Islands|Oceania|Micronesia|APA||Marshall Islands (the);the Marshall Islands;Republic of the Marshall Islands;the Republic of the Marshall Islands
        MQ|MTQ|474|Martinique|Americas|Latin America and the Caribbean|LAC||
        MR|MRT|478|Mauritania|Africa|Sub-Saharan Africa|ARB|AFR|Islamic Republic of Mauritania;the Islamic Republic of Mauritania
        MU|MUS|480|Mauritius|Africa|Sub-Saharan Africa|AFR||Republic of Mauritius;the Republic of Mauritius
        YT|MYT|175|Mayotte|Africa|Sub-Saharan Africa|AFR||
        MX|MEX|484|Mexico|Americas|Latin America and the Caribbean|LAC||United Mexican States;the United Mexican States
        FM|FSM|583|Micronesia|Oceania|Micronesia|APA||Micronesia (Federated States of);Micronesia, Fed. Sts.;Federated States of Micronesia;the Federated States of Micronesia
        MD|MDA|498|Republic of Moldova|Europe|Eastern Europe|EUR||Moldova;Moldova, Republic of;Republic of Moldova (the);the Republic of Moldova
        MC|MCO|492|Monaco|Europe|Western Europe|EUR||Principality of Monaco;the Principality of Monaco
        MN|MNG|496|Mongolia|Asia|Eastern Asia|APA||
        ME|MNE|499|Montenegro|Europe|Southern Europe|EUR||
        MS|MSR|500|Montserrat|Americas|Latin America and the Caribbean|LAC||
        MA|MAR|504|Morocco|Africa|Northern Africa|ARB|AFR|Maroc;Kingdom of Morocco;the Kingdom of Morocco
        MZ|MOZ|508|Mozambique|Africa|Sub-Saharan Africa|AFR||Republic of Mozambique;the Republic of Mozambique
        MM|MMR|104|Myanmar|Asia|South-eastern Asia|APA||Burma;Republic of the Union of Myanmar;the Republic of the Union of Myanmar
        NA|NAM|516|Namibia|Africa|Sub-Saharan Africa|AFR||Republic of Namibia;the Republic of Namibia
        NR|NRU|520|Nauru|Oceania|Micronesia|APA||Republic of Nauru;the Republic of Nauru
        NP|NPL|524|Nepal|Asia|Southern Asia|APA||Federal Democratic Republic of Nepal;the Federal Democratic Republic of Nepal
        NL|NLD|528|Netherlands|Europe|Western Europe|EUR||Netherlands (Kingdom of the);Holland;Nederland;The Netherlands;Netherlands (the);Kingdom of the Netherlands;the Kingdom of the Netherlands
        NC|NCL|540|New Caledonia|Oceania|Melanesia|APA||
        NZ|NZL|554|New Zealand|Oceania|Australia and New Zealand|APA||
        NI|NIC|558|Nicaragua|Americas|Latin America and the Caribbean|LAC||Republic of Nicaragua;the Republic of Nicaragua
        NE|NER|562|Niger|Africa|Sub-Saharan Africa|AFR||Niger (the);the Niger;Republic of the Niger;the Republic of the Niger
        NG|NGA|566|Nigeria|Africa|Sub-Saharan Africa|AFR||Federal Republic of Nigeria;the Federal Republic of Nigeria
        NU|NIU|570|Niue|Oceania|Polynesia|APA||Republic of Niue;the Republic of Niue
        NF|NFK|574|Norfolk Island|Oceania|Australia and New Zealand|APA||
        MK|MKD|807|North Macedonia|Europe|Southern Europe|EUR||Macedonia;The former Yugoslav Republic of Macedonia;FYROM;Macedonia, FYR;Republic of North Macedonia;the Republic of North Macedonia;former Yugoslav Republic of Macedonia
        MP|MNP|580|Northern Mariana Islands|Oceania|Micronesia|APA||
        NO|NOR|578|Norway|Europe|Northern Europe|EUR||Norge;Kingdom of Norway;the Kingdom of Norway
        OM|OMN|512|Oman|Asia|Western Asia|ARB||Sultanate of Oman;the Sultanate of Oman
        PK|PAK|586|Pakistan|Asia|Southern Asia|APA||Islamic Republic of Pakistan;the Islamic Republic of Pakistan
        PW|PLW|585|Palau|Oceania|Micronesia|APA||Republic of Palau;the Republic of Palau
        PS|PSE|275|State of Palestine|Asia|Western Asia|ARB||Palestine;Palestine, State of;Palestina;Occupied Palestinian Territory;Palestinian Territories;West Bank and Gaza;State of Palestine (the);the State of Palestine
        PA|PAN|591|Panama|Americas|Latin America and the Caribbean|LAC||Republic of Panama;the Republic of Panama
        PG|PNG|598|Papua New Guinea|Oceania|Melanesia|APA||Independent State of Papua New Guinea;the Independent State of Papua New Guinea
        PY|PRY|600|Paraguay|Americas|Latin America and the Caribbean|LAC||Republic of Paraguay;the Republic of Paraguay
        PE|PER|604|Peru|Americas|Latin America and the Caribbean|LAC||Republic of Peru;the Republic of Peru
        PH|PHL|608|Philippines|Asia|South-eastern Asia|APA||Philippines (the);the Philippines;Republic of the Philippines;the Republic of the Philippines
        PN|PCN|612|Pitcairn|Oceania|Polynesia|APA||Pitcairn Islands
        PL|POL|616|Poland|Europe|Eastern Europe|EUR||Polska;Republic of Poland;the Republic of Poland
        PT|PRT|620|Portugal|Europe|Southern Europe|EUR||Portuguese Republic;the Portuguese Republic
        PR|PRI|630|Puerto Rico|Americas|Latin America and the Caribbean|LAC||
        QA|QAT|634|Qatar|Asia|Western Asia|ARB||State of Qatar;the State of Qatar
        RE|REU|638|Réunion|Africa|Sub-Saharan Africa|AFR||
        RO|ROU|642|Romania|Europe|Eastern Europe|EUR||
        RU|RUS|643|Russian Federation|Europe|Eastern Europe|EUR|APA|Russia;Russian Federation (the);the Russian Federation
        RW|RWA|646|Rwanda|Africa|Sub-Saharan Africa|AFR||Republic of Rwanda;the Republic of Rwanda;Rwandese Republic;the Rwandese Republic
        BL|BLM|652|Saint Barthélemy|Americas|Latin America and the Caribbean|LAC||St. Barts;Saint Barts;St. Barthélemy
        SH|SHN|654|Saint Helena|Africa|Sub-Saharan Africa|AFR||St. Helena;Saint Helena, Ascension and Tristan da Cunha
        KN|KNA|659|Saint Kitts and Nevis|Americas|Latin America and the Caribbean|LAC||St. Kitts and Nevis;Saint Christopher and Nevis;St. Kitts & Nevis
        LC|LCA|662|Saint Lucia|Americas|Latin America and the Caribbean|LAC||St. Lucia
        MF|MAF|663|Saint Martin|Americas|Latin America and the Caribbean|LAC||St. Martin;St. Martin (French part);Saint Martin (French part)
        PM|SPM|666|Saint Pierre and Miquelon|Americas|Northern America|EUR||St. Pierre and Miquelon;St. Pierre & Miquelon
        VC|VCT|670|Saint Vincent and the Grenadines|Americas|Latin America and the Caribbean|LAC||St. Vincent and the Grenadines;St. Vincent & Grenadines
        WS|WSM|882|Samoa|Oceania|Polynesia|APA||Independent State of Samoa;the Independent State of Samoa
        SM|SMR|674|San Marino|Europe|Southern Europe|EUR||Republic of San Marino;the Republic of San Marino
        ST|STP|678|Sao Tome and Principe|Africa|Sub-Saharan Africa|AFR||São Tomé & Príncipe;Democratic Republic of Sao Tome and Principe;the Democratic Republic of Sao Tome and Principe
        SA|SAU|682|Saudi Arabia|Asia|Western Asia|ARB||Kingdom of Saudi Arabia;the Kingdom of Saudi Arabia
        SN|SEN|686|Senegal|Africa|Sub-Saharan Africa|AFR||Republic of Senegal;the Republic of Senegal
        RS|SRB|688|Serbia|Europe|Southern Europe|EUR||Srbija;Republic of Serbia;the Republic of Serbia
        SC|SYC|690|Seychelles|Africa|Sub-Saharan Africa|AFR||Republic of Seychelles;the Republic of Seychelles
        SL|SLE|694|Sierra Leone|Africa|Sub-Saharan Africa|AFR||Republic of Sierra Leone;the Republic of Sierra Leone
        SG|SGP|702|Singapore|Asia|South-eastern Asia|APA||Republic of Singapore;the Republic of Singapore
        SX|SXM|534|Sint Maarten|Americas|Latin America and the Caribbean|LAC||St. Maarten;Sint Maarten (Dutch part)
        SK|SVK|703|Slovakia|Europe|Eastern Europe|EUR||Slovak Republic;Slovensko;the Slovak Republic
        SI|SVN|705|Slovenia|Europe|Southern Europe|EUR||Slovenija;Republic of Slovenia;the Republic of Slovenia
        SB|SLB|090|Solomon Islands|Oceania|Melanesia|APA||
        SO|SOM|706|Somalia|Africa|Sub-Saharan Africa|AFR|ARB|Federal Republic of Somalia;the Federal Republic of Somalia;Somali Democratic Republic;the Somali Democratic Republic
        ZA|ZAF|710|South Africa|Africa|Sub-Saharan Africa|AFR||Republic of South Africa;the Republic of South Africa
        GS|SGS|239|South Georgia and the South Sandwich Islands|Americas|Latin America and the Caribbean|EUR||South Georgia;South Georgia & South Sandwich Islands
        SS|SSD|728|South Sudan|Africa|Sub-Saharan Africa|AFR||Republic of South Sudan;the Republic of South Sudan
        ES|ESP|724|Spain|Europe|Southern Europe|EUR||España;Kingdom of Spain;the Kingdom of Spain
        LK|LKA|144|Sri Lanka|Asia|Southern Asia|APA||Democratic Socialist Republic of Sri Lanka;the Democratic Socialist Republic of Sri Lanka
        SD|SDN|729|Sudan|Africa|Northern Africa|ARB|AFR|Sudan (the);the Sudan;Republic of the Sudan;the Republic of the Sudan
        SR|SUR|740|Suriname|Americas|Latin America and the Caribbean|LAC||Republic of Suriname;the Republic of Suriname
        SJ|SJM|744|Svalbard and Jan Mayen Islands|Europe|Northern Europe|EUR||Svalbard and Jan Mayen;Svalbard & Jan Mayen
        SE|SWE|752|Sweden|Europe|Northern Europe|EUR||Kingdom of Sweden;the Kingdom of Sweden
        CH|CHE|756|Switzerland|Europe|Western Europe|EUR||Schweiz;Suisse;Svizzera;Swiss Confederation;the Swiss Confederation
        SY|SYR|760|Syrian Arab Republic|Asia|Western Asia|ARB||Syria;Syrian Arab Republic (the);the Syrian Arab Republic
        TW|TWN|158|Taiwan|Asia|Eastern Asia|APA||Taiwan, Province of China;Chinese Taipei;Taiwan, China
        TJ|TJK|762|Tajikistan|Asia|Central Asia|EUR|APA|Republic of Tajikistan;the Republic of Tajikistan
        TZ|TZA|834|Tanzania|Africa|Sub-Saharan Africa|AFR||United Republic of Tanzania;Tanzania, United Republic of;United Republic of Tanzania (the);the United Republic of Tanzania
        TH|THA|764|Thailand|Asia|South-eastern Asia|APA||Kingdom of Thailand;the Kingdom of Thailand
        TL|TLS|626|Timor-Leste|Asia|South-eastern Asia|APA||East Timor;Democratic Republic of Timor-Leste;the Democratic Republic of Timor-Leste;Democratic Republic of Timor-Leste (the)
        TG|TGO|768|Togo|Africa|Sub-Saharan Africa|AFR||Togolese Republic;the Togolese Republic
        TK|TKL|772|Tokelau|Oceania|Polynesia|APA||
        TO|TON|776|Tonga|Oceania|Polynesia|APA||Kingdom of Tonga;the Kingdom of Tonga
        TT|TTO|780|Trinidad and Tobago|Americas|Latin America and the Caribbean|LAC||Trinidad & Tobago;Republic of Trinidad and Tobago;the Republic of Trinidad and Tobago
        TN|TUN|788|Tunisia|Africa|Northern Africa|ARB|AFR|Republic of Tunisia;the Republic of Tunisia
        TR|TUR|792|Türkiye|Asia|Western Asia|EUR|APA|Turkey;Republic of Türkiye;Republic of Turkey;the Republic of Turkey
        TM|TKM|795|Turkmenistan|Asia|Central Asia|APA||
        TC|TCA|796|Turks and Caicos Islands|Americas|Latin America and the Caribbean|LAC||Turks & Caicos Islands
        TV|TUV|798|Tuvalu|Oceania|Polynesia|APA||
        UG|UGA|800|Uganda|Africa|Sub-Saharan Africa|AFR||Republic of Uganda;the Republic of Uganda
        UA|UKR|804|Ukraine|Europe|Eastern Europe|EUR||
        AE|ARE|784|United Arab Emirates|Asia|Western Asia|ARB||UAE;Emirates;United Arab Emirates (the);the United Arab Emirates
        GB|GBR|826|United Kingdom|Europe|Northern Europe|EUR||United Kingdom of Great Britain and Northern Ireland;UK;Great Britain;Britain;England;Scotland;Wales;Northern Ireland;The United Kingdom;United Kingdom of Great Britain and Northern Ireland (the);the United Kingdom of Great Britain and Northern Ireland
        US|USA|840|United States|Americas|Northern America|EUR||United States of America;The United States;United States of America (the);the United States of America
        UM|UMI|581|United States Minor Outlying Islands|Oceania|Micronesia|APA||US Minor Outlying Islands;U.S. Outlying Islands
        UY|URY|858|Uruguay|Americas|Latin America and the Caribbean|LAC||Eastern Republic of Uruguay;the Eastern Republic of Uruguay
        UZ|UZB|860|Uzbekistan|Asia|Central Asia|EUR|APA|Republic of Uzbekistan;the Republic of Uzbekistan
        VU|VUT|548|Vanuatu|Oceania|Melanesia|APA||Republic of Vanuatu;the Republic of Vanuatu
        VE|VEN|862|Venezuela|Americas|Latin America and the Caribbean|LAC||Venezuela (Bolivarian Republic of);Venezuela, RB;Bolivarian Republic of Venezuela;the Bolivarian Republic of Venezuela
        VN|VNM|704|Viet Nam|Asia|South-eastern Asia|APA||Socialist Republic of Viet Nam;the Socialist Republic of Viet Nam
        VG|VGB|092|British Virgin Islands|Americas|Latin America and the Caribbean|LAC||Virgin Islands (British);BVI;the British Virgin Islands
        VI|VIR|850|United States Virgin Islands|Americas|Latin America and the Caribbean|LAC||Virgin Islands (U.S.);U.S. Virgin Islands;Virgin Islands of the United States
        WF|WLF|876|Wallis and Futuna Islands|Oceania|Polynesia|APA||Wallis and Futuna;Wallis & Futuna
        EH|ESH|732|Western Sahara|Africa|Northern Africa|AFR||
        YE|YEM|887|Yemen|Asia|Western Asia|ARB||Yemen, Rep.;Republic of Yemen;the Republic of Yemen
        ZM|ZMB|894|Zambia|Africa|Sub-Saharan Africa|AFR||Republic of Zambia;the Republic of Zambia
        ZW|ZWE|716|Zimbabwe|Africa|Sub-Saharan Africa|AFR||Republic of Zimbabwe;the Republic of Zimbabwe
        XK|XKX|412|Kosovo|Europe|Southern Europe|EUR||Kosova;Republic of Kosovo
        """
}
