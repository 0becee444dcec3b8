"""Fill resources/translations/stempel_nb.ts with the Norwegian bokmål translations below.

Run after pyside6-lupdate (see scripts/update_translations): every message whose
source text is known here gets its translation and loses type="unfinished";
texts with %n become numerus messages with the singular and plural forms.
Prints the messages still untranslated and exits 1 if there are any.
"""

# ruff: noqa: E501, S314  (long phrases read best unbroken; the .ts parsed is our own file)

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS_FILE = Path(__file__).with_name("stempel_nb.ts")

Plural = tuple[str, str]

# Source text -> translation, for every context.
WORDS: dict[str, str | Plural] = {
    # Why this device would not queue a decision or correction (app/ui/review_words.py)
    "you cannot decide on your own week": "du kan ikke avgjøre din egen uke",
    "a decision on this week is waiting to be sent; sync first": "en avgjørelse for denne uken venter på å bli sendt; synkroniser først",
    "this week is approved and locked; reopen it first": "denne uken er godkjent og låst; gjenåpne den først",
    "this week is not approved; there is nothing to reopen": "denne uken er ikke godkjent; det er ingenting å gjenåpne",
    "the week changed while you looked at it (a sync brought more); look again": "uken endret seg mens du så på den (en synkronisering hentet mer); se på den igjen",
    "they are clocked in now; approve the week after they clock out (the lock would refuse it)": "vedkommende er stemplet inn nå; godkjenn uken etter utstemplingen (låsen ville avvist den)",
    "no such correction request in your team on this device": "ingen slik korrigeringsforespørsel i teamet ditt på denne enheten",
    "say why: a correction needs a reason": "si hvorfor: en korrigering trenger en begrunnelse",
    "the corrected time needs a zone": "det korrigerte tidspunktet trenger en tidssone",
    "no such punch of yours on this device": "ingen slik stempling av deg på denne enheten",
    "{number} is not in your team on this device": "{number} er ikke i teamet ditt på denne enheten",
    # Law findings and server reasons
    # ManagerWords: the titles of the work-time rules (arbeidsmiljøloven kapittel 10)
    "normal working time per 24 hours": "alminnelig arbeidstid per 24 timer",
    "normal working time per 7 days": "alminnelig arbeidstid per 7 dager",
    "overtime per 7 days": "overtid per 7 dager",
    "overtime per 4 consecutive weeks": "overtid innenfor 4 sammenhengende uker",
    "overtime per 52 weeks": "overtid innenfor 52 uker",
    "total working time per 24 hours": "samlet arbeidstid per 24 timer",
    "total working time, 8-week average": "samlet arbeidstid i gjennomsnitt over 8 uker",
    "daily rest": "daglig arbeidsfri",
    "weekly rest": "ukentlig arbeidsfri",
    "breaks": "pauser",
    "Sunday and public holiday work": "søn- og helgedagsarbeid",
    "night work": "nattarbeid",
    # ServerWords: the server's reasons for refusing an entry or a decision
    "locked: week {number}, {year} is approved; ask your manager to reopen it": "låst: uke {number}, {year} er "
    "godkjent; be lederen din om å gjenåpne den",
    "conflict: 1 entry arrived after you decided; the week is back for review": "konflikt: 1 oppføring kom "
    "inn etter at du avgjorde; uken er tilbake til gjennomgang",
    "conflict: {count} entries arrived after you decided; the week is back for review": "konflikt: {count} "
    "oppføringer kom inn etter at du avgjorde; uken er tilbake til gjennomgang",
    "conflict: the week's entries changed after you decided; the week is back for review": "konflikt: "
    "oppføringene i uken ble endret etter at du avgjorde; uken er tilbake til gjennomgang",
    "conflict: the week is already approved": "konflikt: uken er allerede godkjent",
    "not allowed: you do not manage this employee": "ikke tillatt: du er ikke leder for denne ansatte",
    "sign in to send this decision": "logg inn for å sende denne avgjørelsen",
    "sign in to send this correction": "logg inn for å sende denne korrigeringen",
    "a correction needs a reason": "en korrigering må ha en begrunnelse",
    "a correction request needs the kind of punch": "en korrigeringsforespørsel må si hva slags stempling "
    "den gjelder",
    "no such punch of this employee": "den ansatte har ingen slik stempling",
    "no such correction request": "ingen slik korrigeringsforespørsel",
    "this correction request is already decided": "denne korrigeringsforespørselen er allerede avgjort",
    "a decision on a correction repeats the request's time": "en avgjørelse om en korrigering må gjenta "
    "tidspunktet i forespørselen",
    "not allowed: an employee may only punch for themselves": "ikke tillatt: en ansatt kan bare stemple for "
    "seg selv",
    "not allowed: this device may only send punches of employees who signed in on it": "ikke tillatt: denne "
    "enheten kan bare sende stemplinger fra ansatte som har logget inn på den",
    "not allowed: this device was removed by the administrator": "ikke tillatt: denne enheten ble fjernet av "
    "administratoren",
    "made after this device was removed by the administrator": "gjort etter at administratoren fjernet denne "
    "enheten",
    "unknown or inactive employee": "ukjent eller inaktiv ansatt",
    "this mutation id was already used for other content": "denne endrings-ID-en er allerede brukt for annet "
    "innhold",
    "this punch is already recorded under another mutation id": "denne stemplingen er allerede registrert "
    "under en annen endrings-ID",
    "this approval is already recorded under another mutation id": "denne godkjenningen er allerede "
    "registrert under en annen endrings-ID",
    "this correction is already recorded under another mutation id": "denne korrigeringen er allerede "
    "registrert under en annen endrings-ID",
    # Appearance
    "Appearance": "Utseende",
    "&Appearance:": "&Utseende:",
    "Light": "Lyst",
    "Dark": "Mørkt",
    "Automatic follows the light or dark setting of your desktop.": "Automatisk følger lys eller mørk innstilling på skrivebordet.",
    # Accessible names
    "Last updated": "Sist oppdatert",
    "Open the menu": "Åpne menyen",
    "Employee number and date": "Ansattnummer og dato",
    "Clock state": "Stemplingstilstand",
    "Hint": "Tips",
    "Signed in": "Logget inn",
    "Worked today": "Arbeidet i dag",
    "Problem with the time": "Problem med tidspunktet",
    "Problem with the server address": "Problem med serveradressen",
    "Problem with the tenant": "Problem med leietakeren",
    "Problem with the pin": "Problem med pinnen",
    "Note": "Merknad",
    "Result": "Resultat",
    "Copies the fingerprint to the clipboard": "Kopierer fingeravtrykket til utklippstavlen",
    "Problem": "Problem",
    "Previous week": "Forrige uke",
    "Next week": "Neste uke",
    "About the team": "Om teamet",
    "Week": "Uke",
    "Days and punches": "Dager og stemplinger",
    # Long work: exporting one's own data
    "Export my data": "Eksporter mine data",
    "&Export my data…": "&Eksporter mine data…",
    "Save everything Stempel holds about you to a file": "Lagre alt Stempel har om deg i en fil",
    "Export progress": "Fremdrift for eksporten",
    "Starting…": "Starter…",
    "&Cancel": "&Avbryt",
    "Reading what this computer holds…": "Leser det som ligger på denne datamaskinen…",
    "Asking the server for its part…": "Spør serveren om dens del…",
    "Writing the file…": "Skriver filen…",
    "Your data was saved to {path}.": "Dataene dine ble lagret i {path}.",
    "The server's part is missing: {reason}": "Serverens del mangler: {reason}",
    "The export failed: {reason}": "Eksporten mislyktes: {reason}",
    "JSON (*.json)": "JSON (*.json)",
    "Spreadsheet, CSV (*.csv)": "Regneark, CSV (*.csv)",
    # Durations
    "{hours} h {minutes} min": "{hours} t {minutes} min",
    "{minutes} min": "{minutes} min",
    # Long work: cancelling a sync
    "Sync stopped": "Synkronisering stoppet",
    "Sync stopped — %n waiting": ("Synkronisering stoppet — %n venter", "Synkronisering stoppet — %n venter"),
    "What arrived is kept; the next sync carries on from there (Sync now, or within a minute).": "Det som kom fram, er tatt vare på; neste synkronisering fortsetter derfra (Synkroniser nå, eller innen et minutt).",
    "C&ancel": "&Avbryt",
    "Cancel the sync": "Avbryt synkroniseringen",
    "Stops after the current batch; the next sync carries on from there": "Stopper etter gjeldende bunke; neste synkronisering fortsetter derfra",
    # About and Settings
    "About Stempel": "Om Stempel",
    "&About Stempel": "Om &Stempel",
    "Version {version}": "Versjon {version}",
    "Version": "Versjon",
    "A time clock: clock in and out, take breaks and ask for corrections.": "Et stemplingsur: stemple inn og ut, ta pauser og be om korrigeringer.",
    "Libraries shipped with Stempel": "Biblioteker som følger med Stempel",
    "Libraries and their licences": "Biblioteker og lisensene deres",
    "Library": "Bibliotek",
    "Licence": "Lisens",
    "see its package": "se pakken",
    "&Settings…": "&Innstillinger…",
    "Settings": "Innstillinger",
    "Language": "Språk",
    "Automatic": "Automatisk",
    "Norsk bokmål": "Norsk bokmål",
    "English": "English",
    "&Language:": "&Språk:",
    "&Start Stempel when I log in": "S&tart Stempel når jeg logger inn",
    "Start Stempel when I log in": "Start Stempel når jeg logger inn",
    "Profile folder": "Profilmappe",
    "&Open folder": "Å&pne mappe",
    "Open profile folder": "Åpne profilmappen",
    "&Profile folder:": "P&rofilmappe:",
    "Some text changes language only when Stempel starts again.": "Noe tekst bytter språk først når Stempel startes på nytt.",
    # Clocking
    "Clock in": "Stemple inn",
    "Clock out": "Stemple ut",
    "Start break": "Start pause",
    "End break": "Avslutt pause",
    "Clock &in": "Stemple &inn",
    "Clock &out": "Stemple &ut",
    "Start &break": "Start &pause",
    "&End break": "A&vslutt pause",
    "Clocked in": "Stemplet inn",
    "Clocked out": "Stemplet ut",
    "Break started": "Pause startet",
    "Break ended": "Pause avsluttet",
    "Break start": "Pausestart",
    "Break end": "Pauseslutt",
    "In": "Inne",
    "On break": "På pause",
    "Out": "Ute",
    "You are clocked out": "Du er stemplet ut",
    "You are clocked in": "Du er stemplet inn",
    "You are on a break": "Du har pause",
    "Clocked in {time} — {name}": "Stemplet inn {time} — {name}",
    "Clocked out {time} — {name}": "Stemplet ut {time} — {name}",
    "Break started {time} — {name}": "Pause startet {time} — {name}",
    "Break ended {time} — {name}": "Pause avsluttet {time} — {name}",
    "Nothing to punch now": "Ingenting å stemple nå",
    "Clock &in anyway": "Stemple &inn likevel",
    "&Not now": "Ikke &nå",
    "Short rest": "Kort hviletid",
    # ActionChoices / keypad
    "Cancel": "Avbryt",
    "Cancel (Esc)": "Avbryt (Esc)",
    "Enter or {n}": "Enter eller {n}",
    "Key: {keys}": "Tast: {keys}",
    "Delete last digit": "Slett siste siffer",
    "Delete last digit (Backspace)": "Slett siste siffer (Backspace)",
    "Clear": "Tøm",
    "Clear (Delete or Esc)": "Tøm (Delete eller Esc)",
    "OK": "OK",
    "OK (Enter)": "OK (Enter)",
    # ClockModel
    "Your manager has approved this week; it is locked.": "Lederen din har godkjent denne uken; den er låst.",
    "You have been clocked in since {since} — more than {hours} hours. Forgot to clock out? Ask for a "
    "correction (for example clock out at {suggested}).": "Du har vært stemplet inn siden {since} — mer enn "
    "{hours} timer. Glemt å stemple ut? Be om en korrigering (for eksempel utstempling kl. {suggested}).",
    "You have had {rest} rest; the law asks for 11 h. Clock in anyway? The short rest is recorded with the "
    "punch.": "Du har hatt {rest} hvile; loven krever 11 t. Stemple inn likevel? Den korte hviletiden "
    "registreres sammen med stemplingen.",
    "{what} {time}": "{what} {time}",
    "The time clock is not available": "Stemplingsuret er ikke tilgjengelig",
    "Loading…": "Laster inn…",
    "No employee on this profile yet — sign in to start": "Ingen ansatt på denne profilen ennå — logg inn for å begynne",
    "No employee on this profile yet — set up this device, or run `stempel --demo`": "Ingen ansatt på denne "
    "profilen ennå — sett opp denne enheten, eller kjør `stempel --demo`",
    "Clocked in · {today} today": "Stemplet inn · {today} i dag",
    "Clocked in since {since} · {today} today": "Stemplet inn siden {since} · {today} i dag",
    "On a break · {today} today": "På pause · {today} i dag",
    "On a break since {since} · {today} today": "På pause siden {since} · {today} i dag",
    "Clocked out · {today} today": "Stemplet ut · {today} i dag",
    "{day} {time}": "{day} {time}",
    # Panels
    "Time": "Klokkeslett",
    "Date": "Dato",
    "Saved": "Lagret",
    "Touch the screen or press any key to continue": "Trykk på skjermen eller en tast for å fortsette",
    "Today": "I dag",
    "Event": "Hendelse",
    "Today's punches": "Dagens stemplinger",
    "No punches yet today.": "Ingen stemplinger ennå i dag.",
    "This week": "Denne uken",
    "Week total": "Sum for uken",
    "Nothing recorded yet.": "Ingenting registrert ennå.",
    "This week · week {number}": "Denne uken · uke {number}",
    "d MMM": "d. MMM",
    # CorrectionDialog
    "Ask for a correction": "Be om korrigering",
    "Tell your manager what a punch should have been. Your punches stay as they are until the manager "
    "approves the correction.": "Fortell lederen din hva en stempling skulle ha vært. Stemplingene dine "
    "forblir som de er til lederen godkjenner korrigeringen.",
    "Which punch it replaces": "Hvilken stempling den erstatter",
    "None — a punch is missing": "Ingen — en stempling mangler",
    "What it should be": "Hva den skal være",
    "Date and time, local": "Dato og klokkeslett, lokal tid",
    "Which of the two times": "Hvilket av de to tidspunktene",
    "&Which one:": "&Hvilket:",
    "Why it should be corrected": "Hvorfor den skal korrigeres",
    "Reason": "Begrunnelse",
    "&Replaces:": "&Erstatter:",
    "&Should be:": "&Skal være:",
    "&Date and time:": "&Dato og klokkeslett:",
    "local time ({zone})": "lokal tid ({zone})",
    "R&eason:": "&Begrunnelse:",
    "Forgot to clock in": "Glemte å stemple inn",
    "Forgot to clock out": "Glemte å stemple ut",
    "Forgot my break": "Glemte pausen",
    "Wrong time": "Feil tidspunkt",
    "Reason: {reason}": "Begrunnelse: {reason}",
    "Error": "Feil",
    "Send request": "Send forespørsel",
    "{what} · {when}": "{what} · {when}",
    "{time} on {day} does not exist: the clocks jump forward an hour that night. Choose a time before or "
    "after the jump.": "{time} den {day} finnes ikke: klokken stilles en time frem den natten. Velg et "
    "tidspunkt før eller etter hoppet.",
    "That time has not come yet: a correction is for a punch in the past.": "Det tidspunktet har ikke kommet "
    "ennå: en korrigering gjelder en stempling i fortiden.",
    "The first {time}, before the clocks go back": "Første {time}, før klokken stilles tilbake",
    "The second {time}, after the clocks go back": "Andre {time}, etter at klokken er stilt tilbake",
    "Not sent: {reason}.": "Ikke sendt: {reason}.",
    # DecisionDialog
    "Comment": "Kommentar",
    "&Comment (required; the employee sees it):": "&Kommentar (påkrevd; den ansatte ser den):",
    "&Comment (optional):": "&Kommentar (valgfri):",
    "Say why, so the employee knows what to fix.": "Si hvorfor, så den ansatte vet hva som må rettes.",
    # EntryInfo
    "What to enter": "Hva som skal tastes inn",
    "Typed so far": "Tastet inn så langt",
    "Message": "Melding",
    "%n digit(s) typed": ("%n siffer tastet inn", "%n sifre tastet inn"),
    # ErrorText
    "No usable keyring was found, so Stempel cannot keep its database key safe: start a keyring service "
    "such as GNOME Keyring or KWallet and log in to your desktop session.": "Fant ingen brukbar nøkkelring, "
    "så Stempel kan ikke oppbevare databasenøkkelen trygt: start en nøkkelringtjeneste som GNOME Keyring "
    "eller KWallet og logg inn i skrivebordsøkten din.",
    "Your keyring is locked: unlock it (your login password usually does) and Stempel will carry on by "
    "itself.": "Nøkkelringen din er låst: lås den opp (vanligvis med påloggingspassordet ditt), så fortsetter "
    "Stempel av seg selv.",
    "The key to this profile's database is not in your keyring, so it cannot be opened; the database was "
    "left untouched.": "Nøkkelen til databasen for denne profilen finnes ikke i nøkkelringen din, så den kan "
    "ikke åpnes; databasen ble ikke endret.",
    "The key in your keyring does not open this profile's database; the database was left untouched.": (
        "Nøkkelen i nøkkelringen din åpner ikke databasen for denne profilen; databasen ble ikke endret."
    ),
    "This profile's database is damaged or is not a Stempel database; it was left untouched.": (
        "Databasen for denne profilen er skadet eller er ikke en Stempel-database; den ble ikke endret."
    ),
    "This profile's database was written by a newer version of Stempel; update Stempel to open it (the "
    "database was left untouched).": "Databasen for denne profilen ble skrevet av en nyere versjon av "
    "Stempel; oppdater Stempel for å åpne den (databasen ble ikke endret).",
    "The disk is full, so nothing was saved: free some space and try again.": "Disken er full, så ingenting "
    "ble lagret: frigjør litt plass og prøv igjen.",
    "The profile folder cannot be written to, so nothing was saved: check its permissions or the drive.": (
        "Det går ikke å skrive til profilmappen, så ingenting ble lagret: kontroller tillatelsene eller "
        "stasjonen."
    ),
    "The disk reported an error, so nothing was saved: please try again.": "Disken rapporterte en feil, så "
    "ingenting ble lagret: prøv igjen.",
    "This device was removed by your administrator; its data has been deleted from this computer. Set it "
    "up again to use it.": "Denne enheten ble fjernet av administratoren din; dataene er slettet fra denne "
    "datamaskinen. Sett den opp på nytt for å bruke den.",
    "That punch does not fit your current clock state, so it was not saved; the window now shows your "
    "state as recorded.": "Den stemplingen passer ikke med stemplingsstatusen din, så den ble ikke lagret; "
    "vinduet viser nå statusen slik den er registrert.",
    "The local database reported an error, so nothing was changed.": "Den lokale databasen rapporterte en "
    "feil, så ingenting ble endret.",
    "Something unexpected went wrong; please try again.": "Noe uventet gikk galt; prøv igjen.",
    "The server address must be a plain https:// address (no user name, password, query or fragment); "
    "nothing was sent.": "Serveradressen må være en ren https://-adresse (uten brukernavn, passord, spørring "
    "eller fragment); ingenting ble sendt.",
    "The server's certificate is not the one this device trusts: check the CA file and the pin, or ask your "
    "administrator. Nothing was sent.": "Serverens sertifikat er ikke det denne enheten stoler på: kontroller "
    "CA-filen og pinnen, eller spør administratoren din. Ingenting ble sendt.",
    "Too many attempts: wait {seconds} s and try again.": "For mange forsøk: vent {seconds} s og prøv igjen.",
    "The server could not be reached: check the address and the network connection, then try again.": (
        "Fikk ikke kontakt med serveren: kontroller adressen og nettverkstilkoblingen, og prøv igjen."
    ),
    "The server refused the one-time code: it is unknown, expired or already used, or the tenant name is "
    "wrong. Ask your administrator for a new code.": "Serveren avviste engangskoden: den er ukjent, utløpt "
    "eller allerede brukt, eller leietakernavnet er feil. Be administratoren din om en ny kode.",
    "Wrong employee number or password.": "Feil ansattnummer eller passord.",
    "This device was removed from the server (or was never set up with it): set it up again with a new "
    "one-time code.": "Denne enheten ble fjernet fra serveren (eller ble aldri satt opp med den): sett den "
    "opp på nytt med en ny engangskode.",
    "Your sign-in on this device has ended: please sign in again.": "Påloggingen din på denne enheten er "
    "avsluttet: logg inn på nytt.",
    "The server answered in a way this version of Stempel does not understand ({detail}).": "Serveren svarte "
    "på en måte denne versjonen av Stempel ikke forstår ({detail}).",
    "Syncing failed: {detail}.": "Synkroniseringen mislyktes: {detail}.",
    "This device is not set up with a server yet: set it up first.": "Denne enheten er ikke satt opp med en "
    "server ennå: sett den opp først.",
    "This device is already set up with a server.": "Denne enheten er allerede satt opp med en server.",
    # HistoryDialog
    "History of a punch": "Historikk for en stempling",
    "When": "Når",
    "Who": "Hvem",
    "What": "Hva",
    "Before": "Før",
    "After": "Etter",
    "Why": "Hvorfor",
    "History of the punch": "Historikken til stemplingen",
    "Punched": "Stemplet",
    "Correction asked for": "Korrigering forespurt",
    "Correction approved": "Korrigering godkjent",
    "Correction rejected": "Korrigering avvist",
    "This punch is not on this device.": "Denne stemplingen finnes ikke på denne enheten.",
    # Sync words
    "Syncing…": "Synkroniserer…",
    "Offline · %n waiting": ("Frakoblet · %n venter", "Frakoblet · %n venter"),
    "Offline": "Frakoblet",
    "Not syncing · %n waiting": ("Synkroniserer ikke · %n venter", "Synkroniserer ikke · %n venter"),
    "Not syncing": "Synkroniserer ikke",
    "%n waiting to sync": ("%n venter på synkronisering", "%n venter på synkronisering"),
    "Synced {time}": "Synkronisert {time}",
    "Synced": "Synkronisert",
    # KioskWindow
    "Stempel kiosk": "Stempel-kiosk",
    "Workplace": "Arbeidssted",
    "Sync status": "Synkroniseringsstatus",
    "Admin": "Admin",
    "Close the kiosk (administrator)": "Lukk kiosken (administrator)",
    "Close the kiosk: administrator's number and PIN (F10)": "Lukk kiosken: administratorens nummer og "
    "PIN-kode (F10)",
    "Enter your employee number": "Tast inn ansattnummeret ditt",
    "or hold your badge to the reader": "eller hold adgangskortet mot leseren",
    "Enter your PIN": "Tast inn PIN-koden din",
    "Employee number {number}": "Ansattnummer {number}",
    "Close the kiosk: administrator's employee number": "Lukk kiosken: administratorens ansattnummer",
    "Clear (Esc) goes back": "Tøm (Esc) går tilbake",
    "Close the kiosk: administrator's PIN": "Lukk kiosken: administratorens PIN-kode",
    "Type the administrator's number and PIN": "Tast inn administratorens nummer og PIN-kode",
    "Checking the badge…": "Kontrollerer adgangskortet…",
    "Checking…": "Kontrollerer…",
    "Saving…": "Lagrer…",
    "Today: {hours}": "I dag: {hours}",
    "That punch does not fit the clock state on record, so it was not saved. Please sign in again.": (
        "Den stemplingen passer ikke med den registrerte stemplingsstatusen, så den ble ikke lagret. "
        "Logg inn på nytt."
    ),
    "Hello, {name}": "Hei, {name}",
    "Locked — too many wrong PINs": "Låst — for mange feil PIN-koder",
    "Locked until {time} — too many wrong PINs": "Låst til {time} — for mange feil PIN-koder",
    "Badge not recognised": "Adgangskortet ble ikke gjenkjent",
    "Only an administrator can close the kiosk": "Bare en administrator kan lukke kiosken",
    "Wrong number or PIN": "Feil nummer eller PIN-kode",
    # LoginDialog
    "Sign in": "Logg inn",
    "Sign in with your employee number and password.": "Logg inn med ansattnummeret og passordet ditt.",
    "Employee number": "Ansattnummer",
    "Password": "Passord",
    "&Employee number:": "&Ansattnummer:",
    "&Password:": "&Passord:",
    "Signing in…": "Logger inn…",
    "Wrong employee number or password. Please try again.": "Feil ansattnummer eller passord. Prøv igjen.",
    "An employee number is at most 64 characters, a password at most 1024.": "Et ansattnummer har høyst 64 "
    "tegn, et passord høyst 1024.",
    # MainWindow
    "Stempel": "Stempel",
    "&Quit": "&Avslutt",
    "&Stempel": "&Stempel",
    "&Clock": "Stemp&ling",
    "Notice": "Merknad",
    "&Try again": "P&røv igjen",
    "Try again": "Prøv igjen",
    "Clock status": "Stemplingsstatus",
    "Last punch saved": "Siste stempling lagret",
    "Shortcut: {keys}": "Hurtigtast: {keys}",
    "{name} ({keys})": "{name} ({keys})",
    "Saved: {punch}": "Lagret: {punch}",
    "Employee {number} · {today}": "Ansatt {number} · {today}",
    "Saving your punch…": "Lagrer stemplingen din…",
    "Not saved": "Ikke lagret",
    "Updated {time}": "Oppdatert {time}",
    # ManagerWindow
    "Stempel — Team": "Stempel — Team",
    "Status": "Status",
    "◀ Previous week": "◀ Forrige uke",
    "Next week ▶": "Neste uke ▶",
    "This &week": "Denne &uken",
    "Refresh": "Oppdater",
    "&Approve…": "&Godkjenn…",
    "Approve this week": "Godkjenn denne uken",
    "&Reject…": "A&vvis…",
    "Reject this week, with a comment": "Avvis denne uken, med en kommentar",
    "Re&open…": "Gjen&åpne…",
    "Reopen this approved week": "Gjenåpne denne godkjente uken",
    "Approve all &clean weeks…": "Godkjenn a&lle uker uten avvik…",
    "&History…": "&Historikk…",
    "The history of the chosen punch": "Historikken til den valgte stemplingen",
    "Close": "Lukk",
    "Week shown": "Uken som vises",
    "Team": "Team",
    "Your team": "Teamet ditt",
    "Nobody reports to you on this device yet; the team arrives with a sync.": "Ingen rapporterer til deg på "
    "denne enheten ennå; teamet kommer med en synkronisering.",
    "Choose someone in the list to see their week.": "Velg noen i listen for å se uken deres.",
    "{week} · {span}": "{week} · {span}",
    "{text} (this week)": "{text} (denne uken)",
    "Approve week": "Godkjenn uke",
    "&Approve": "&Godkjenn",
    "Approve {week} of {who}: {count} punches, {anomalies} anomalies.": "Godkjenn {week} for {who}: {count} "
    "stemplinger, {anomalies} avvik.",
    "Reject week": "Avvis uke",
    "&Reject": "A&vvis",
    "Reject {week} of {who}. Say what is wrong, so they can ask for corrections.": "Avvis {week} for {who}. "
    "Si hva som er feil, så vedkommende kan be om korrigeringer.",
    "Reopen week": "Gjenåpne uke",
    "Re&open": "Gjen&åpne",
    "Reopen {week} of {who}: it is unlocked and needs a new decision.": "Gjenåpne {week} for {who}: den "
    "låses opp og trenger en ny avgjørelse.",
    "Approved {week} of {who}; it is sent with the next sync.": "Godkjente {week} for {who}; det sendes med "
    "neste synkronisering.",
    "Rejected {week} of {who}; it is sent with the next sync.": "Avviste {week} for {who}; det sendes med "
    "neste synkronisering.",
    "Reopened {week} of {who}; it is sent with the next sync.": "Gjenåpnet {week} for {who}; det sendes med "
    "neste synkronisering.",
    "Approve all clean weeks": "Godkjenn alle uker uten avvik",
    "Approve 1 clean week of {week}?": "Godkjenne 1 uke uten avvik i {week}?",
    "Approve {count} clean weeks of {week}?": "Godkjenne {count} uker uten avvik i {week}?",
    "Weeks with no anomaly and no decision yet: {names}. They are sent with the next sync.": "Uker uten avvik "
    "og uten avgjørelse ennå: {names}. De sendes med neste synkronisering.",
    "Approve 1 week": "Godkjenn 1 uke",
    "Approve {count} weeks": "Godkjenn {count} uker",
    "No clean week was left to approve.": "Det var ingen uker uten avvik igjen å godkjenne.",
    "Approved 1 clean week of {week}; it is sent with the next sync.": "Godkjente 1 uke uten avvik i {week}; "
    "det sendes med neste synkronisering.",
    "Approved {count} clean weeks of {week}; they are sent with the next sync.": "Godkjente {count} uker uten "
    "avvik i {week}; de sendes med neste synkronisering.",
    "Reject correction request": "Avvis korrigeringsforespørsel",
    "Reject this correction request. Say why: the employee sees it.": "Avvis denne "
    "korrigeringsforespørselen. Si hvorfor: den ansatte ser det.",
    "&Reject request": "A&vvis forespørselen",
    "Correction approved; it is sent with the next sync.": "Korrigeringen er godkjent; den sendes med neste "
    "synkronisering.",
    "Correction rejected; it is sent with the next sync.": "Korrigeringen er avvist; den sendes med neste "
    "synkronisering.",
    "Not done: {reason}.": "Ikke utført: {reason}.",
    "Not done: {reason}": "Ikke utført: {reason}",
    # ManagerWords
    "Pending sync": "Venter på sending",
    "Approved": "Godkjent",
    "Rejected": "Avvist",
    "Conflict": "Konflikt",
    "Open": "Åpen",
    "Week {number}, {year}": "Uke {number}, {year}",
    "week {number}, {year}": "uke {number}, {year}",
    "No clock-out for more than {hours} h after the clock-in at {time}": "Ingen utstempling på mer enn "
    "{hours} t etter innstemplingen kl. {time}",
    "suggested clock-out {time}": "foreslått utstempling {time}",
    "Clocked in again at {time} while already in: shifts overlap": "Stemplet inn igjen kl. {time} mens "
    "allerede inne: vaktene overlapper",
    "A clock-out or break end at {time} with nothing open": "En utstempling eller pauseslutt kl. {time} uten "
    "noe åpent",
    "The shift from {time} is longer than {hours} h": "Vakten fra {time} er lengre enn {hours} t",
    "The punch at {time} came from a device whose clock was more than 2 min off": "Stemplingen kl. {time} "
    "kom fra en enhet med klokke som gikk feil med mer enn 2 min",
    "The punch at {time} was made on a kiosk while it was offline": "Stemplingen kl. {time} ble gjort på en "
    "kiosk mens den var frakoblet",
    "{section} {title}: {value}": "{section} {title}: {value}",
    "{section} {title}: {value} (at least {limit})": "{section} {title}: {value} (minst {limit})",
    "{section} {title}: {value} (at most {limit})": "{section} {title}: {value} (høyst {limit})",
    # RefusedDialog
    "Refused by the server": "Avvist av serveren",
    "The server did not accept these entries. They stay on this device; show this list to your manager, "
    "who can correct the hours.": "Serveren godtok ikke disse oppføringene. De blir liggende på denne "
    "enheten; vis denne listen til lederen din, som kan korrigere timene.",
    "Employee": "Ansatt",
    "Entries refused by the server": "Oppføringer avvist av serveren",
    "Entry": "Oppføring",
    "Nothing is refused any more.": "Ingenting er avvist lenger.",
    # SetupDialog
    "Set up this device": "Sett opp denne enheten",
    "Connect this device to your organisation's Stempel server. Your administrator gives you the server "
    "address, the tenant name and a one-time code.": "Koble denne enheten til Stempel-serveren til "
    "organisasjonen din. Administratoren din gir deg serveradressen, leietakernavnet og en engangskode.",
    "Server address": "Serveradresse",
    "Tenant": "Leietaker",
    "One-time code": "Engangskode",
    "Only if your server has its own certificate authority": "Bare hvis serveren din har sin egen "
    "sertifikatutsteder",
    "CA file": "CA-fil",
    "&Browse…": "&Bla gjennom…",
    "Choose the CA file": "Velg CA-filen",
    "Optional: 64 hex digits": "Valgfritt: 64 heksadesimale sifre",
    "Server key pin (SPKI sha256)": "Pin for servernøkkelen (SPKI sha256)",
    "&Server address:": "&Serveradresse:",
    "&Tenant:": "&Leietaker:",
    "One-time &code:": "Engangs&kode:",
    "C&A file:": "C&A-fil:",
    "&Pin:": "Sertifikat-&pin:",
    "Connecting to the server…": "Kobler til serveren…",
    "Set up": "Sett opp",
    "Compare this fingerprint of the server's certificate (SPKI sha256) with the one your administrator "
    "gave you. If they differ, do not use this device and tell them.": "Sammenlign dette fingeravtrykket "
    "av serverens sertifikat (SPKI sha256) med det administratoren din ga deg. Hvis de er forskjellige, "
    "ikke bruk denne enheten, og si fra til administratoren.",
    "Server certificate fingerprint": "Fingeravtrykk for serversertifikatet",
    "It matches the pin you entered.": "Det stemmer med pinnen du skrev inn.",
    "&Copy fingerprint": "&Kopier fingeravtrykk",
    "&Sign in…": "&Logg inn…",
    "The address must start with https:// — plain http is never used.": "Adressen må begynne med https:// "
    "— vanlig http brukes aldri.",
    "This is not a valid https:// address.": "Dette er ikke en gyldig https://-adresse.",
    "Lower-case letters, digits and dashes only (at most 63).": "Bare små bokstaver, sifre og bindestreker "
    "(høyst 63).",
    "A pin is the 64 hex digits that `stempel-server init` prints.": "En pin er de 64 heksadesimale sifrene "
    "som `stempel-server init` skriver ut.",
    "This device is already set up with {tenant}. Setting it up again replaces that setup; you will need "
    "to sign in again. Punches waiting to sync are kept.": "Denne enheten er allerede satt opp med {tenant}. "
    "Å sette den opp på nytt erstatter det oppsettet; du må logge inn igjen. Stemplinger som venter på "
    "synkronisering, beholdes.",
    "Set up again": "Sett opp på nytt",
    "Choose the server's CA file": "Velg serverens CA-fil",
    "Certificates (*.crt *.pem *.cer);;All files (*)": "Sertifikater (*.crt *.pem *.cer);;Alle filer (*)",
    "This device is now set up with {tenant} (device {device}).": "Denne enheten er nå satt opp med "
    "{tenant} (enhet {device}).",
    "(not known)": "(ukjent)",
    "The CA file could not be read: check its name and that you may read it.": "CA-filen kunne ikke leses: "
    "kontroller navnet og at du har lesetilgang til den.",
    "The CA file holds no certificate (a PEM file is needed).": "CA-filen inneholder ikke noe sertifikat "
    "(en PEM-fil trengs).",
    "The one-time code is not valid: check it and try again.": "Engangskoden er ikke gyldig: kontroller den "
    "og prøv igjen.",
    # Sync controls and indicator
    "Sync &now": "Synkroniser &nå",
    "Sync now": "Synkroniser nå",
    "Send and receive now (F5)": "Send og motta nå (F5)",
    "Sign &in…": "&Logg inn…",
    "Set &up this device…": "Sett &opp denne enheten…",
    "Sync progress": "Synkroniseringsfremdrift",
    "Shows each refused entry and why": "Viser hver avviste oppføring og hvorfor",
    "Si&gn in…": "Lo&gg inn…",
    "Set &up…": "Sett &opp…",
    "%n refused by the server": ("%n avvist av serveren", "%n avvist av serveren"),
    "Sync: checking…": "Synkronisering: kontrollerer…",
    "Not set up to sync": "Ikke satt opp for synkronisering",
    "Not set up to sync — %n waiting": (
        "Ikke satt opp for synkronisering — %n venter",
        "Ikke satt opp for synkronisering — %n venter",
    ),
    "Punches are kept safely on this device until it is set up.": "Stemplingene oppbevares trygt på denne "
    "enheten til den er satt opp.",
    "Not synced yet": "Ikke synkronisert ennå",
    "Offline since {time} — %n waiting": (
        "Frakoblet siden {time} — %n venter",
        "Frakoblet siden {time} — %n venter",
    ),
    "Offline since {time}": "Frakoblet siden {time}",
    "Stempel keeps trying by itself. {reason}": "Stempel fortsetter å prøve av seg selv. {reason}",
    "The server's certificate is not the one this device trusts": "Serverens sertifikat er ikke det denne "
    "enheten stoler på",
    "Nothing is sent to a server this device does not trust. Ask your administrator; setting the device up "
    "again with the right CA file or pin fixes it.": "Ingenting sendes til en server denne enheten ikke "
    "stoler på. Spør administratoren din; å sette opp enheten på nytt med riktig CA-fil eller pin løser det.",
    "This device was removed by your administrator": "Denne enheten ble fjernet av administratoren din",
    "Its data has been deleted from this computer. Set it up again to use it.": "Dataene er slettet fra denne "
    "datamaskinen. Sett den opp på nytt for å bruke den.",
    "This device was removed from the server": "Denne enheten ble fjernet fra serveren",
    "Punches stay on this device. Set it up again with a new one-time code.": "Stemplingene blir liggende på "
    "denne enheten. Sett den opp på nytt med en ny engangskode.",
    "Sync problem": "Synkroniseringsproblem",
    "Sync problem — %n waiting": ("Synkroniseringsproblem — %n venter", "Synkroniseringsproblem — %n venter"),
    "Sign-in needed": "Pålogging kreves",
    "Sign-in needed — %n waiting": ("Pålogging kreves — %n venter", "Pålogging kreves — %n venter"),
    "Punches made here are still delivered; sign in to see your hours from other devices.": "Stemplinger gjort "
    "her leveres fortsatt; logg inn for å se timene dine fra andre enheter.",
    "Syncing… {done} of {total}": "Synkroniserer… {done} av {total}",
    "Syncing… {done} received": "Synkroniserer… {done} mottatt",
    # TeamControls
    "&Team…": "&Team…",
    "Review and approve your team's weeks": "Gå gjennom og godkjenn ukene til teamet ditt",
    "Ask for a &correction…": "Be om &korrigering…",
    "Ask your manager to correct a punch": "Be lederen din om å korrigere en stempling",
    # TeamTableModel
    "No.": "Nr.",
    "Name": "Navn",
    "Decision": "Avgjørelse",
    "Now": "Nå",
    "Last week": "Forrige uke",
    "Anomalies": "Avvik",
    "Law": "Lov",
    "Locked: no new punches or corrections until a manager reopens the week": "Låst: ingen nye stemplinger "
    "eller korrigeringer før en leder gjenåpner uken",
    "Findings of the arbeidsmiljøloven chapter 10 checks this week": "Funn fra kontrollene etter "
    "arbeidsmiljøloven kapittel 10 denne uken",
    # Tray
    "Sign in…": "Logg inn…",
    "Set up this device…": "Sett opp denne enheten…",
    "Ask for a correction…": "Be om korrigering…",
    "Show window": "Vis vinduet",
    "Quit": "Avslutt",
    "Stempel — {status}": "Stempel — {status}",
    "Stempel is still running": "Stempel kjører fortsatt",
    "Punch from here, or choose Quit to close Stempel.": "Stemple herfra, eller velg Avslutt for å lukke "
    "Stempel.",
    # WeekView
    "About the decision": "Om avgjørelsen",
    "Day": "Dag",
    "Shifts": "Vakter",
    "Breaks": "Pauser",
    "Worked": "Arbeidet",
    "Days of the week": "Ukens dager",
    "Made on": "Gjort på",
    "Punches of the week": "Ukens stemplinger",
    "&Days": "&Dager",
    "&Punches": "&Stemplinger",
    "{name} · {number}": "{name} · {number}",
    "no anomalies": "ingen avvik",
    "1 anomaly": "1 avvik",
    "{count} anomalies": "{count} avvik",
    "1 work-time law finding": "1 funn etter arbeidstidsreglene",
    "{count} work-time law findings": "{count} funn etter arbeidstidsreglene",
    "Total {total} · overtime {overtime} · {findings}": "Totalt {total} · overtid {overtime} · {findings}",
    " Comment: “{comment}”": " Kommentar: «{comment}»",
    "This is your own week: someone else decides on it.": "Dette er din egen uke: noen andre avgjør den.",
    "the server refused the decision": "serveren avviste avgjørelsen",
    "The server did not take your decision ({reason}). Look again and decide anew.": "Serveren tok ikke imot "
    "avgjørelsen din ({reason}). Se på den igjen og avgjør på nytt.",
    "Reopened": "Gjenåpnet",
    "Decided": "Avgjort",
    "{what} {when}; sent to the server with the next sync.": "{what} {when}; sendes til serveren med neste "
    "synkronisering.",
    "a manager": "en leder",
    "Approved {when} by {who}. Locked: reopen the week to change it.": "Godkjent {when} av {who}. Låst: "
    "gjenåpne uken for å endre den.",
    "Rejected {when} by {who}.": "Avvist {when} av {who}.",
    "Locked by an approval.": "Låst av en godkjenning.",
    "Not decided yet.": "Ikke avgjort ennå.",
    "Desktop": "Skrivebord",
    "Kiosk": "Kiosk",
    "Correction": "Korrigering",
    "Correction requests": "Korrigeringsforespørsler",
    "No correction requests for this week.": "Ingen korrigeringsforespørsler denne uken.",
    "{what} {when}": "{what} {when}",
    "Missing punch: {asked}": "Manglende stempling: {asked}",
    "{was} → {asked}": "{was} → {asked}",
    "Changed to {asked}": "Endret til {asked}",
    "{change} · “{reason}”": "{change} · «{reason}»",
    "Approve": "Godkjenn",
    "Approve the request: {text}": "Godkjenn forespørselen: {text}",
    "Reject…": "Avvis…",
    "Reject the request: {text}": "Avvis forespørselen: {text}",
}

# (context, source) -> translation, where one context needs other words than the rest.
IN_CONTEXT: dict[tuple[str, str], str | Plural] = {
    ("ManagerWords", "Clock in"): "Innstempling",
    ("ManagerWords", "Clock out"): "Utstempling",
    # Qt's own buttons and menus (app/ui/qt_words.py): verbs, where our "Open" is a week's state
    ("QPlatformTheme", "Open"): "Åpne",
    ("QPlatformTheme", "Save"): "Lagre",
    ("QPlatformTheme", "&Yes"): "&Ja",
    ("QPlatformTheme", "&No"): "&Nei",
    ("QPlatformTheme", "Abort"): "Avbryt",
    ("QPlatformTheme", "Retry"): "Prøv igjen",
    ("QPlatformTheme", "Ignore"): "Ignorer",
    ("QPlatformTheme", "Discard"): "Forkast",
    ("QPlatformTheme", "Help"): "Hjelp",
    ("QPlatformTheme", "Apply"): "Bruk",
    ("QPlatformTheme", "Reset"): "Tilbakestill",
    ("QPlatformTheme", "Restore Defaults"): "Gjenopprett standardverdier",
    ("QGnomeTheme", "&OK"): "&OK",
    ("QGnomeTheme", "&Save"): "&Lagre",
    ("QGnomeTheme", "&Close"): "&Lukk",
    ("QGnomeTheme", "Close without Saving"): "Lukk uten å lagre",
    ("QFileDialog", "&Look in:"): "&Se i:",
    ("QFileDialog", "File &name:"): "Fil&navn:",
    ("QFileDialog", "Files of &type:"): "Fil&type:",
    ("QFileDialog", "&Save"): "&Lagre",
    ("QFileDialog", "&Open"): "&Åpne",
    ("QFileDialog", "Save As"): "Lagre som",
    ("QFileDialog", "Back"): "Tilbake",
    ("QFileDialog", "Forward"): "Fremover",
    ("QFileDialog", "Parent Directory"): "Overordnet mappe",
    ("QFileDialog", "Create New Folder"): "Lag ny mappe",
    ("QFileDialog", "List View"): "Listevisning",
    ("QFileDialog", "Detail View"): "Detaljvisning",
    ("QFileDialog", "New Folder"): "Ny mappe",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"): "%1 finnes allerede.\nVil du erstatte den?",
    ("QFileSystemModel", "Name"): "Navn",
    ("QFileSystemModel", "Size"): "Størrelse",
    ("QFileSystemModel", "Type"): "Type",
    ("QFileSystemModel", "Date Modified"): "Endret",
    ("QFileSystemModel", "Computer"): "Datamaskin",
    ("QAbstractFileIconProvider", "Folder"): "Mappe",
    ("QAbstractFileIconProvider", "File"): "Fil",
    ("QLineEdit", "&Undo"): "&Angre",
    ("QLineEdit", "&Redo"): "&Gjør om",
    ("QLineEdit", "Cu&t"): "Klipp &ut",
    ("QLineEdit", "&Copy"): "&Kopier",
    ("QLineEdit", "&Paste"): "&Lim inn",
    ("QLineEdit", "Delete"): "Slett",
    ("QLineEdit", "Select All"): "Merk alt",
}


def fill(ts_file: Path = TS_FILE) -> list[tuple[str, str]]:
    """Translate every known message of `ts_file` in place; the (context, source) pairs left over."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    root.set("language", "nb_NO")
    root.set("sourcelanguage", "en")
    missing: list[tuple[str, str]] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            words = IN_CONTEXT.get((name, source), WORDS.get(source))
            if words is None:
                missing.append((name, source))
                continue
            old = message.find("translation")
            if old is not None:
                message.remove(old)
            translation = ET.SubElement(message, "translation")
            if "%n" in source:
                message.set("numerus", "yes")
                forms = words if isinstance(words, tuple) else (words, words)
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                assert isinstance(words, str), source
                translation.text = words
    ET.indent(tree, space="    ")
    with ts_file.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    return missing


def main() -> int:
    missing = fill(Path(sys.argv[1]) if len(sys.argv) > 1 else TS_FILE)
    for name, source in missing:
        print(f"untranslated: {name}: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
