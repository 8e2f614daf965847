//! Table-driven tests of the rule patterns: people and groups no list knows.
//! One row per case: a sentence in, the mention texts of one kind out (in
//! order). The names are made up, so only the rules can find them.

mod common;

use common::check_mentions as check;
use gazette::Kind;

#[test]
fn people_with_a_title_before_the_name() {
    check(
        Kind::Person,
        &[
            ("Kenyan Foreign Minister Wanjiru Kamau arrived in Nairobi on Monday.", &["Wanjiru Kamau"]),
            ("Brazilian President Duarte Vasconcelos spoke by phone on Friday.", &["Duarte Vasconcelos"]),
            (
                "United Nations Under-Secretary General for Humanitarian Affairs Ingrid Solberg visited the camp.",
                &["Ingrid Solberg"],
            ),
            ("Former senator Harold T. Whitcombe died on Sunday.", &["Harold T. Whitcombe"]),
            ("Ontario Liberal Party MPP Dario Fenech lost his seat.", &["Dario Fenech"]),
            // Honorifics and ranks with a surname alone.
            (
                "Mrs. Aldana and Dr. Okafor arrived before Sheikh Salem al-Ajmi and Gen. Viktor Sorokin.",
                &["Aldana", "Okafor", "Salem al-Ajmi", "Viktor Sorokin"],
            ),
            // A monarch's title is part of a one-word name.
            ("The visit of King Haakar ended on Tuesday.", &["King Haakar"]),
            // Party and status labels are not part of the name.
            ("Incumbent Republican Dwight Hollowell won a third term.", &["Dwight Hollowell"]),
        ],
    );
}

#[test]
fn titles_are_their_own_mentions() {
    check(
        Kind::Title,
        &[
            ("Kenyan Foreign Minister Wanjiru Kamau arrived in Nairobi.", &["Foreign Minister"]),
            ("Gen. Viktor Sorokin inspected the troops.", &["Gen."]),
            ("Alma Reyes MP voted against the bill.", &["MP"]),
            // A lower-case honorific is a common noun: "his brother".
            ("Karim Nassar met his brother Walid Nassar in Beirut.", &[]),
        ],
    );
}

#[test]
fn people_with_a_role_after_the_name() {
    check(
        Kind::Person,
        &[
            (
                "Abu Karim Al-Zubaidi, Secretary-General of the Sabreen Brigades, issued a warning.",
                &["Abu Karim Al-Zubaidi"],
            ),
            ("Omar Nabulsi, a senior advisor to the premier, declined to comment.", &["Omar Nabulsi"]),
            ("Tarrowby, a spokesman for the ministry, said the talks had failed.", &["Tarrowby"]),
            ("Brenninkmeyer, who heads the agency, told reporters that funds were short.", &["Brenninkmeyer"]),
        ],
    );
}

#[test]
fn people_by_given_name_and_particles() {
    check(
        Kind::Person,
        &[
            (
                "The statement was signed by Umm Khalid al-Rawi and Hamza ibn Tariq.",
                &["Umm Khalid al-Rawi", "Hamza ibn Tariq"],
            ),
            ("Noura bint Faisal and Youssef el-Masri opened the forum.", &["Noura bint Faisal", "Youssef el-Masri"]),
            ("Officials said Karl von Essen and Paolo da Ponte would attend.", &["Karl von Essen", "Paolo da Ponte"]),
            (
                "Lucia di Marco and Ludwig van der Berg met Ciaran O’Donovan.",
                &["Lucia di Marco", "Ludwig van der Berg", "Ciaran O’Donovan"],
            ),
            ("Tariq Al-Obeidi and Aziza al-Nafjan were released.", &["Tariq Al-Obeidi", "Aziza al-Nafjan"]),
            ("Ahmed bin Rashid al-Maktoum arrived in the capital.", &["Ahmed bin Rashid al-Maktoum"]),
            // Common given names that are also words count before a surname.
            ("The report was written by Frank Oberholzer and Will Tennant.", &["Frank Oberholzer", "Will Tennant"]),
            ("Ian McTavish and Rory MacKinnon were elected.", &["Ian McTavish", "Rory MacKinnon"]),
            // Compound given names and fore-names no list knows.
            ("Jean-Luc Moreau welcomed the decision.", &["Jean-Luc Moreau"]),
            ("The actor Tota Roy Chowdhury joined the cast.", &["Tota Roy Chowdhury"]),
            // A one-word title inside a name is part of it.
            ("Commander Ahmad Shah Farhadi spoke in the valley.", &["Ahmad Shah Farhadi"]),
            // Regnal numbers belong to the name.
            ("The treaty was signed by Henry IV in Paris.", &["Henry IV"]),
            // Pre-tokenised text writes the apostrophe apart.
            ("The seat was won by Caroline O 'Reilly .", &["Caroline O 'Reilly"]),
        ],
    );
}

#[test]
fn people_by_context_without_a_known_given_name() {
    check(
        Kind::Person,
        &[
            // What only a person does.
            ("Fitzwalter was elected to parliament in 2015 and held his seat in 2019.", &["Fitzwalter"]),
            ("Okonjo-Brandt later resigned from the cabinet.", &["Okonjo-Brandt"]),
            ("Villaneuve was a member of the provincial legislature.", &["Villaneuve"]),
            ("Kowalczyk would also serve as treasurer.", &["Kowalczyk"]),
            ("Ambersley has stated that she supports the reform.", &["Ambersley"]),
            // Kinship and agents.
            ("She is the daughter of Ostrowski, a retired judge.", &["Ostrowski"]),
            ("The coalition was led by Bandarana until 1977.", &["Bandarana"]),
            ("The governor endorsed Harkavy for the seat.", &["Harkavy"]),
            // A reporting cue before the name.
            ("The border will stay closed, said Tessaro.", &["Tessaro"]),
            // Listed with people.
            (
                "The panel included Ana Silva, Marek Kowalczyk and Dvorsky.",
                &["Ana Silva", "Marek Kowalczyk", "Dvorsky"],
            ),
            ("The film stars Ramesh and Kavitha Menon.", &["Ramesh", "Kavitha Menon"]),
            // Listed with people the lists know.
            ("Netanyahu met Blinken and Sullivan in Jerusalem.", &["Netanyahu", "Blinken", "Sullivan"]),
            // Telling surname forms.
            ("Critics said McAllister had misled the committee.", &["McAllister"]),
        ],
    );
}

#[test]
fn not_people() {
    check(
        Kind::Person,
        &[
            // Title Case headlines.
            ("Turkey Enhances Positions in Northwest Syria after Talks with Russia", &[]),
            ("Baghdad Urges Washington to Prevent Imminent Strikes", &[]),
            // Sentence openers, days and months.
            ("During the meeting, officials discussed the border.", &[]),
            ("Monday was quiet. Several officials left in March.", &[]),
            ("In May 2019 the party split, and on June 4 it dissolved.", &[]),
            // A plural noun opening a sentence, whatever its verb.
            ("Rescuers worked through the night, and Firefighters said they had saved dozens.", &[]),
            // Titles alone.
            ("The prime minister and the foreign minister did not attend.", &[]),
            ("She was elected Member of Parliament for the district.", &[]),
            // Places and groups, also when they start with a given name.
            ("The Hoover Institution and the Carnegie Foundation published the report.", &[]),
            ("Protesters gathered near the Jordan River and on Hope Street.", &[]),
            ("The Ministry of Foreign Affairs issued a statement.", &[]),
            ("The French Community and the Christian Democracy list merged.", &[]),
            ("Demonstrators marched from the Olive Tree square to Victoria Park.", &[]),
            ("The Olive Branch operation began in Afrin.", &[]),
            // A place after a preposition, even with an appositive.
            ("He studied at Stanford, the university's flagship campus.", &[]),
            // An acronym after a given name is no surname.
            ("The rally of Fine Gael TD supporters ended early.", &[]),
        ],
    );
}

#[test]
fn groups_by_form() {
    check(
        Kind::Group,
        &[
            ("The Ministry of Water Resources said the dam was safe.", &["Ministry of Water Resources"]),
            (
                "The Freedonian Agriculture Ministry and the Freedonian Labour Party disagreed.",
                &["Freedonian Agriculture Ministry", "Freedonian Labour Party"],
            ),
            ("A photo from the Russian Defense Ministry showed the convoy.", &["Russian Defense Ministry"]),
            (
                "The Sabreen Brigades, the Northern Liberation Front, the Green Movement and the Popular Mobilization Forces met.",
                &["Sabreen Brigades", "Northern Liberation Front", "Green Movement", "Popular Mobilization Forces"],
            ),
            ("The Free Army and the Revolutionary Council of Elders signed the deal.", &["Free Army", "Revolutionary Council of Elders"]),
            (
                "The Tribal Council, the Water Committee, the Port Authority and the Border Agency met.",
                &["Tribal Council", "Water Committee", "Port Authority", "Border Agency"],
            ),
            ("Officers of the Mountain Rescue Corps arrived.", &["Mountain Rescue Corps"]),
            ("Kata’ib Sayyid al-Shuhada claimed the attack.", &["Kata’ib Sayyid al-Shuhada"]),
            ("Kata’ib Nour al-Sham denied it.", &["Kata’ib Nour al-Sham"]),
            ("The Iraqi National Security Council met on Sunday.", &["Iraqi National Security Council"]),
            ("The National Security Council met on Sunday.", &["National Security Council"]),
            // Two groups joined by "and" stay two; one name with "and" stays one.
            ("The Reform Party of Freedonia and the Green Alliance won seats.", &["Reform Party of Freedonia", "Green Alliance"]),
            ("The Social Democratic and Labour Party won the seat.", &["Social Democratic and Labour Party"]),
            (
                "The Alliance of Liberals and Democrats for Freedonia Party met.",
                &["Alliance of Liberals and Democrats for Freedonia Party"],
            ),
            ("The Charity Commission for Upland and Lowland met.", &["Charity Commission for Upland and Lowland"]),
            // Party members in the plural.
            ("The Freedonian Democrats and the Upland Greens formed a coalition.", &["Freedonian Democrats", "Upland Greens"]),
            // A title that ends the name is cut off; alone it is no group.
            ("She sat as a Reform Party of Freedonia Member of Parliament.", &["Reform Party of Freedonia"]),
            ("She was elected Member of Parliament in 2019.", &[]),
            // A possessive before the name is not part of it.
            ("Freedonia's Supreme Defence Council met.", &["Supreme Defence Council"]),
        ],
    );
}

#[test]
fn groups_by_acronym() {
    check(
        Kind::Group,
        &[
            // Introduced in brackets, used later alone.
            (
                "The Syrian Northern Liberation Forces (SNLF) shelled the town. Later the SNLF withdrew.",
                &["Syrian Northern Liberation Forces", "SNLF", "SNLF"],
            ),
            // A name without a head word, known by its acronym.
            (
                "The Union of Free Traders (UFT) called a strike. Later the UFT ended it.",
                &["Union of Free Traders", "UFT", "UFT"],
            ),
            ("It joined Popular Civic Renewal ( PCR ) in 2017 .", &["Popular Civic Renewal", "PCR"]),
            // Listed with groups.
            ("The coalition included the UFP and the Freedonian Labour Party.", &["UFP", "Freedonian Labour Party"]),
            // Not in a headline in capitals, and not a title.
            ("FREEDONIA VOTES FOR CHANGE", &[]),
            ("The MP and the Freedonian Labour Party disagreed.", &["Freedonian Labour Party"]),
        ],
    );
}
