<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../app/ui/about_dialog.py" line="+87" />
            <location line="+1" />
            <source>About Stempel</source>
            <translation>Om Stempel</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stempel</source>
            <translation>Stempel</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Version {version}</source>
            <translation>Versjon {version}</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+13" />
            <source>Version</source>
            <translation>Versjon</translation>
        </message>
        <message>
            <location line="-10" />
            <source>A time clock: clock in and out, take breaks and ask for corrections.</source>
            <translation>Et stemplingsur: stemple inn og ut, ta pauser og be om korrigeringer.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Libraries shipped with Stempel</source>
            <translation>Biblioteker som følger med Stempel</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Libraries and their licences</source>
            <translation>Biblioteker og lisensene deres</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Library</source>
            <translation>Bibliotek</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Licence</source>
            <translation>Lisens</translation>
        </message>
        <message>
            <location line="+5" />
            <source>see its package</source>
            <translation>se pakken</translation>
        </message>
    </context>
    <context>
        <name>ActionChoices</name>
        <message>
            <location filename="../../app/ui/kiosk/screens.py" line="+186" />
            <location line="+2" />
            <source>Cancel</source>
            <translation>Avbryt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel (Esc)</source>
            <translation>Avbryt (Esc)</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Enter or {n}</source>
            <translation>Enter eller {n}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Key: {keys}</source>
            <translation>Tast: {keys}</translation>
        </message>
    </context>
    <context>
        <name>ActionInfo</name>
        <message>
            <location line="-67" />
            <source>Signed in</source>
            <translation>Logget inn</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Clock status</source>
            <translation>Stemplingsstatus</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Worked today</source>
            <translation>Arbeidet i dag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Message</source>
            <translation>Melding</translation>
        </message>
    </context>
    <context>
        <name>ClockModel</name>
        <message>
            <location filename="../../app/ui/clock_model.py" line="+297" />
            <source>Your manager has approved this week; it is locked.</source>
            <translation>Lederen din har godkjent denne uken; den er låst.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>You have been clocked in since {since} — more than {hours} hours. Forgot to clock out? Ask for a correction (for example clock out at {suggested}).</source>
            <translation>Du har vært stemplet inn siden {since} — mer enn {hours} timer. Glemt å stemple ut? Be om en korrigering (for eksempel utstempling kl. {suggested}).</translation>
        </message>
        <message>
            <location line="+15" />
            <source>You have had {rest} rest; the law asks for 11 h. Clock in anyway? The short rest is recorded with the punch.</source>
            <translation>Du har hatt {rest} hvile; loven krever 11 t. Stemple inn likevel? Den korte hviletiden registreres sammen med stemplingen.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Clocked in</source>
            <translation>Stemplet inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clocked out</source>
            <translation>Stemplet ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Break started</source>
            <translation>Pause startet</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Break ended</source>
            <translation>Pause avsluttet</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{what} {time}</source>
            <translation>{what} {time}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The time clock is not available</source>
            <translation>Stemplingsuret er ikke tilgjengelig</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Loading…</source>
            <translation>Laster inn…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No employee on this profile yet — sign in to start</source>
            <translation>Ingen ansatt på denne profilen ennå — logg inn for å begynne</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No employee on this profile yet — set up this device, or run `stempel --demo`</source>
            <translation>Ingen ansatt på denne profilen ennå — sett opp denne enheten, eller kjør `stempel --demo`</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Clocked in · {today} today</source>
            <translation>Stemplet inn · {today} i dag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clocked in since {since} · {today} today</source>
            <translation>Stemplet inn siden {since} · {today} i dag</translation>
        </message>
        <message>
            <location line="+5" />
            <source>On a break · {today} today</source>
            <translation>På pause · {today} i dag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>On a break since {since} · {today} today</source>
            <translation>På pause siden {since} · {today} i dag</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Clocked out · {today} today</source>
            <translation>Stemplet ut · {today} i dag</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{day} {time}</source>
            <translation>{day} {time}</translation>
        </message>
    </context>
    <context>
        <name>ClockPanel</name>
        <message>
            <location filename="../../app/ui/kiosk/screens.py" line="-102" />
            <source>Time</source>
            <translation>Klokkeslett</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Date</source>
            <translation>Dato</translation>
        </message>
    </context>
    <context>
        <name>ConfirmInfo</name>
        <message>
            <location line="+195" />
            <source>Saved</source>
            <translation>Lagret</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Worked today</source>
            <translation>Arbeidet i dag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Touch the screen or press any key to continue</source>
            <translation>Trykk på skjermen eller en tast for å fortsette</translation>
        </message>
    </context>
    <context>
        <name>ConfirmMark</name>
        <message>
            <location line="+32" />
            <source>Saved</source>
            <translation>Lagret</translation>
        </message>
    </context>
    <context>
        <name>CorrectionDialog</name>
        <message>
            <location filename="../../app/ui/correction_dialog.py" line="+93" />
            <source>Ask for a correction</source>
            <translation>Be om korrigering</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Tell your manager what a punch should have been. Your punches stay as they are until the manager approves the correction.</source>
            <translation>Fortell lederen din hva en stempling skulle ha vært. Stemplingene dine forblir som de er til lederen godkjenner korrigeringen.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Which punch it replaces</source>
            <translation>Hvilken stempling den erstatter</translation>
        </message>
        <message>
            <location line="+1" />
            <source>None — a punch is missing</source>
            <translation>Ingen — en stempling mangler</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What it should be</source>
            <translation>Hva den skal være</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Date and time, local</source>
            <translation>Dato og klokkeslett, lokal tid</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Which of the two times</source>
            <translation>Hvilket av de to tidspunktene</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Which one:</source>
            <translation>&amp;Hvilket:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Problem with the time</source>
            <translation>Problem med tidspunktet</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Why it should be corrected</source>
            <translation>Hvorfor den skal korrigeres</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reason</source>
            <translation>Begrunnelse</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Replaces:</source>
            <translation>&amp;Erstatter:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Should be:</source>
            <translation>&amp;Skal være:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Date and time:</source>
            <translation>&amp;Dato og klokkeslett:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>local time ({zone})</source>
            <translation>lokal tid ({zone})</translation>
        </message>
        <message>
            <location line="+7" />
            <source>R&amp;eason:</source>
            <translation>&amp;Begrunnelse:</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Forgot to clock in</source>
            <translation>Glemte å stemple inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forgot to clock out</source>
            <translation>Glemte å stemple ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forgot my break</source>
            <translation>Glemte pausen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wrong time</source>
            <translation>Feil tidspunkt</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Reason: {reason}</source>
            <translation>Begrunnelse: {reason}</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Error</source>
            <translation>Feil</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Send request</source>
            <translation>Send forespørsel</translation>
        </message>
        <message>
            <location line="+40" />
            <source>{what} · {when}</source>
            <translation>{what} · {when}</translation>
        </message>
        <message>
            <location line="+40" />
            <source>{time} on {day} does not exist: the clocks jump forward an hour that night. Choose a time before or after the jump.</source>
            <translation>{time} den {day} finnes ikke: klokken stilles en time frem den natten. Velg et tidspunkt før eller etter hoppet.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>That time has not come yet: a correction is for a punch in the past.</source>
            <translation>Det tidspunktet har ikke kommet ennå: en korrigering gjelder en stempling i fortiden.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The first {time}, before the clocks go back</source>
            <translation>Første {time}, før klokken stilles tilbake</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The second {time}, after the clocks go back</source>
            <translation>Andre {time}, etter at klokken er stilt tilbake</translation>
        </message>
        <message>
            <location line="+70" />
            <source>Not sent: {reason}.</source>
            <translation>Ikke sendt: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>DecisionDialog</name>
        <message>
            <location filename="../../app/ui/manager/decision_dialog.py" line="+52" />
            <source>Comment</source>
            <translation>Kommentar</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Comment (required; the employee sees it):</source>
            <translation>&amp;Kommentar (påkrevd; den ansatte ser den):</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Comment (optional):</source>
            <translation>&amp;Kommentar (valgfri):</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Say why, so the employee knows what to fix.</source>
            <translation>Si hvorfor, så den ansatte vet hva som må rettes.</translation>
        </message>
    </context>
    <context>
        <name>Durations</name>
        <message>
            <location filename="../../app/ui/durations.py" line="+23" />
            <source>{hours} h {minutes} min</source>
            <translation>{hours} t {minutes} min</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{minutes} min</source>
            <translation>{minutes} min</translation>
        </message>
    </context>
    <context>
        <name>EntryInfo</name>
        <message>
            <location filename="../../app/ui/kiosk/screens.py" line="-200" />
            <source>What to enter</source>
            <translation>Hva som skal tastes inn</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Typed so far</source>
            <translation>Tastet inn så langt</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Hint</source>
            <translation>Tips</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Message</source>
            <translation>Melding</translation>
        </message>
        <message numerus="yes">
            <location line="+21" />
            <source>%n digit(s) typed</source>
            <translation>
                <numerusform>%n siffer tastet inn</numerusform>
                <numerusform>%n sifre tastet inn</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ErrorText</name>
        <message>
            <location filename="../../app/ui/error_text.py" line="+50" />
            <source>No usable keyring was found, so Stempel cannot keep its database key safe: start a keyring service such as GNOME Keyring or KWallet and log in to your desktop session.</source>
            <translation>Fant ingen brukbar nøkkelring, så Stempel kan ikke oppbevare databasenøkkelen trygt: start en nøkkelringtjeneste som GNOME Keyring eller KWallet og logg inn i skrivebordsøkten din.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Your keyring is locked: unlock it (your login password usually does) and Stempel will carry on by itself.</source>
            <translation>Nøkkelringen din er låst: lås den opp (vanligvis med påloggingspassordet ditt), så fortsetter Stempel av seg selv.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The key to this profile's database is not in your keyring, so it cannot be opened; the database was left untouched.</source>
            <translation>Nøkkelen til databasen for denne profilen finnes ikke i nøkkelringen din, så den kan ikke åpnes; databasen ble ikke endret.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The key in your keyring does not open this profile's database; the database was left untouched.</source>
            <translation>Nøkkelen i nøkkelringen din åpner ikke databasen for denne profilen; databasen ble ikke endret.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This profile's database is damaged or is not a Stempel database; it was left untouched.</source>
            <translation>Databasen for denne profilen er skadet eller er ikke en Stempel-database; den ble ikke endret.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This profile's database was written by a newer version of Stempel; update Stempel to open it (the database was left untouched).</source>
            <translation>Databasen for denne profilen ble skrevet av en nyere versjon av Stempel; oppdater Stempel for å åpne den (databasen ble ikke endret).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The disk is full, so nothing was saved: free some space and try again.</source>
            <translation>Disken er full, så ingenting ble lagret: frigjør litt plass og prøv igjen.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The profile folder cannot be written to, so nothing was saved: check its permissions or the drive.</source>
            <translation>Det går ikke å skrive til profilmappen, så ingenting ble lagret: kontroller tillatelsene eller stasjonen.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The disk reported an error, so nothing was saved: please try again.</source>
            <translation>Disken rapporterte en feil, så ingenting ble lagret: prøv igjen.</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+52" />
            <source>This device was removed by your administrator; its data has been deleted from this computer. Set it up again to use it.</source>
            <translation>Denne enheten ble fjernet av administratoren din; dataene er slettet fra denne datamaskinen. Sett den opp på nytt for å bruke den.</translation>
        </message>
        <message>
            <location line="-46" />
            <source>That punch does not fit your current clock state, so it was not saved; the window now shows your state as recorded.</source>
            <translation>Den stemplingen passer ikke med stemplingsstatusen din, så den ble ikke lagret; vinduet viser nå statusen slik den er registrert.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The local database reported an error, so nothing was changed.</source>
            <translation>Den lokale databasen rapporterte en feil, så ingenting ble endret.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Something unexpected went wrong; please try again.</source>
            <translation>Noe uventet gikk galt; prøv igjen.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The server address must be a plain https:// address (no user name, password, query or fragment); nothing was sent.</source>
            <translation>Serveradressen må være en ren https://-adresse (uten brukernavn, passord, spørring eller fragment); ingenting ble sendt.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The server's certificate is not the one this device trusts: check the CA file and the pin, or ask your administrator. Nothing was sent.</source>
            <translation>Serverens sertifikat er ikke det denne enheten stoler på: kontroller CA-filen og pinnen, eller spør administratoren din. Ingenting ble sendt.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Too many attempts: wait {seconds} s and try again.</source>
            <translation>For mange forsøk: vent {seconds} s og prøv igjen.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The server could not be reached: check the address and the network connection, then try again.</source>
            <translation>Fikk ikke kontakt med serveren: kontroller adressen og nettverkstilkoblingen, og prøv igjen.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The server refused the one-time code: it is unknown, expired or already used, or the tenant name is wrong. Ask your administrator for a new code.</source>
            <translation>Serveren avviste engangskoden: den er ukjent, utløpt eller allerede brukt, eller leietakernavnet er feil. Be administratoren din om en ny kode.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Wrong employee number or password.</source>
            <translation>Feil ansattnummer eller passord.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This device was removed from the server (or was never set up with it): set it up again with a new one-time code.</source>
            <translation>Denne enheten ble fjernet fra serveren (eller ble aldri satt opp med den): sett den opp på nytt med en ny engangskode.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Your sign-in on this device has ended: please sign in again.</source>
            <translation>Påloggingen din på denne enheten er avsluttet: logg inn på nytt.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The server answered in a way this version of Stempel does not understand ({detail}).</source>
            <translation>Serveren svarte på en måte denne versjonen av Stempel ikke forstår ({detail}).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Syncing failed: {detail}.</source>
            <translation>Synkroniseringen mislyktes: {detail}.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This device is not set up with a server yet: set it up first.</source>
            <translation>Denne enheten er ikke satt opp med en server ennå: sett den opp først.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This device is already set up with a server.</source>
            <translation>Denne enheten er allerede satt opp med en server.</translation>
        </message>
    </context>
    <context>
        <name>ExportControls</name>
        <message>
            <location filename="../../app/ui/export_dialog.py" line="+168" />
            <source>&amp;Export my data…</source>
            <translation>&amp;Eksporter mine data…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save everything Stempel holds about you to a file</source>
            <translation>Lagre alt Stempel har om deg i en fil</translation>
        </message>
    </context>
    <context>
        <name>ExportProgress</name>
        <message>
            <location line="-87" />
            <location line="+49" />
            <source>Export my data</source>
            <translation>Eksporter mine data</translation>
        </message>
        <message>
            <location line="-48" />
            <source>Export progress</source>
            <translation>Fremdrift for eksporten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Starting…</source>
            <translation>Starter…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Cancel</source>
            <translation>&amp;Avbryt</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Reading what this computer holds…</source>
            <translation>Leser det som ligger på denne datamaskinen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Asking the server for its part…</source>
            <translation>Spør serveren om dens del…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Writing the file…</source>
            <translation>Skriver filen…</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Your data was saved to {path}.</source>
            <translation>Dataene dine ble lagret i {path}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The server's part is missing: {reason}</source>
            <translation>Serverens del mangler: {reason}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The export failed: {reason}</source>
            <translation>Eksporten mislyktes: {reason}</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <location filename="../../app/ui/history_dialog.py" line="+58" />
            <source>History of a punch</source>
            <translation>Historikk for en stempling</translation>
        </message>
        <message>
            <location line="+5" />
            <source>When</source>
            <translation>Når</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Who</source>
            <translation>Hvem</translation>
        </message>
        <message>
            <location line="+1" />
            <source>What</source>
            <translation>Hva</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Before</source>
            <translation>Før</translation>
        </message>
        <message>
            <location line="+1" />
            <source>After</source>
            <translation>Etter</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why</source>
            <translation>Hvorfor</translation>
        </message>
        <message>
            <location line="+3" />
            <source>History of the punch</source>
            <translation>Historikken til stemplingen</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Loading…</source>
            <translation>Laster inn…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Punched</source>
            <translation>Stemplet</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Correction asked for</source>
            <translation>Korrigering forespurt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Correction approved</source>
            <translation>Korrigering godkjent</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Correction rejected</source>
            <translation>Korrigering avvist</translation>
        </message>
        <message>
            <location line="+19" />
            <source>This punch is not on this device.</source>
            <translation>Denne stemplingen finnes ikke på denne enheten.</translation>
        </message>
    </context>
    <context>
        <name>Keypad</name>
        <message>
            <location filename="../../app/ui/kiosk/keypad.py" line="+58" />
            <source>Delete last digit</source>
            <translation>Slett siste siffer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete last digit (Backspace)</source>
            <translation>Slett siste siffer (Backspace)</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+2" />
            <source>Clear</source>
            <translation>Tøm</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear (Delete or Esc)</source>
            <translation>Tøm (Delete eller Esc)</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+2" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OK (Enter)</source>
            <translation>OK (Enter)</translation>
        </message>
    </context>
    <context>
        <name>KioskSync</name>
        <message>
            <location filename="../../app/ui/kiosk/sync_words.py" line="+27" />
            <source>Syncing…</source>
            <translation>Synkroniserer…</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>Offline · %n waiting</source>
            <translation>
                <numerusform>Frakoblet · %n venter</numerusform>
                <numerusform>Frakoblet · %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>Offline</source>
            <translation>Frakoblet</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>Not syncing · %n waiting</source>
            <translation>
                <numerusform>Synkroniserer ikke · %n venter</numerusform>
                <numerusform>Synkroniserer ikke · %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not syncing</source>
            <translation>Synkroniserer ikke</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n waiting to sync</source>
            <translation>
                <numerusform>%n venter på synkronisering</numerusform>
                <numerusform>%n venter på synkronisering</numerusform>
            </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Synced {time}</source>
            <translation>Synkronisert {time}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Synced</source>
            <translation>Synkronisert</translation>
        </message>
    </context>
    <context>
        <name>KioskWindow</name>
        <message>
            <location filename="../../app/ui/kiosk/window.py" line="+157" />
            <location line="+1" />
            <source>Stempel kiosk</source>
            <translation>Stempel-kiosk</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Workplace</source>
            <translation>Arbeidssted</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sync status</source>
            <translation>Synkroniseringsstatus</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Close the kiosk (administrator)</source>
            <translation>Lukk kiosken (administrator)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close the kiosk: administrator's number and PIN (F10)</source>
            <translation>Lukk kiosken: administratorens nummer og PIN-kode (F10)</translation>
        </message>
        <message>
            <location line="+66" />
            <source>Enter your employee number</source>
            <translation>Tast inn ansattnummeret ditt</translation>
        </message>
        <message>
            <location line="+0" />
            <source>or hold your badge to the reader</source>
            <translation>eller hold adgangskortet mot leseren</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Enter your PIN</source>
            <translation>Tast inn PIN-koden din</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Employee number {number}</source>
            <translation>Ansattnummer {number}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Close the kiosk: administrator's employee number</source>
            <translation>Lukk kiosken: administratorens ansattnummer</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+4" />
            <source>Clear (Esc) goes back</source>
            <translation>Tøm (Esc) går tilbake</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Close the kiosk: administrator's PIN</source>
            <translation>Lukk kiosken: administratorens PIN-kode</translation>
        </message>
        <message>
            <location line="+157" />
            <source>Type the administrator's number and PIN</source>
            <translation>Tast inn administratorens nummer og PIN-kode</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Checking the badge…</source>
            <translation>Kontrollerer adgangskortet…</translation>
        </message>
        <message>
            <location line="+68" />
            <location line="+8" />
            <source>Checking…</source>
            <translation>Kontrollerer…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Saving…</source>
            <translation>Lagrer…</translation>
        </message>
        <message>
            <location line="+28" />
            <location line="+38" />
            <source>Today: {hours}</source>
            <translation>I dag: {hours}</translation>
        </message>
        <message>
            <location line="-21" />
            <source>That punch does not fit the clock state on record, so it was not saved. Please sign in again.</source>
            <translation>Den stemplingen passer ikke med den registrerte stemplingsstatusen, så den ble ikke lagret. Logg inn på nytt.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>You are clocked out</source>
            <translation>Du er stemplet ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>You are clocked in</source>
            <translation>Du er stemplet inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>You are on a break</source>
            <translation>Du har pause</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Hello, {name}</source>
            <translation>Hei, {name}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Nothing to punch now</source>
            <translation>Ingenting å stemple nå</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Clock in</source>
            <translation>Stemple inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clock out</source>
            <translation>Stemple ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start break</source>
            <translation>Start pause</translation>
        </message>
        <message>
            <location line="+1" />
            <source>End break</source>
            <translation>Avslutt pause</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Clocked in {time} — {name}</source>
            <translation>Stemplet inn {time} — {name}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Clocked out {time} — {name}</source>
            <translation>Stemplet ut {time} — {name}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Break started {time} — {name}</source>
            <translation>Pause startet {time} — {name}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Break ended {time} — {name}</source>
            <translation>Pause avsluttet {time} — {name}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Locked — too many wrong PINs</source>
            <translation>Låst — for mange feil PIN-koder</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Locked until {time} — too many wrong PINs</source>
            <translation>Låst til {time} — for mange feil PIN-koder</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Badge not recognised</source>
            <translation>Adgangskortet ble ikke gjenkjent</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Only an administrator can close the kiosk</source>
            <translation>Bare en administrator kan lukke kiosken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wrong number or PIN</source>
            <translation>Feil nummer eller PIN-kode</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="+54" />
            <location line="+29" />
            <source>Sign in</source>
            <translation>Logg inn</translation>
        </message>
        <message>
            <location line="-26" />
            <source>Sign in with your employee number and password.</source>
            <translation>Logg inn med ansattnummeret og passordet ditt.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Employee number</source>
            <translation>Ansattnummer</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Password</source>
            <translation>Passord</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Employee number:</source>
            <translation>&amp;Ansattnummer:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Password:</source>
            <translation>&amp;Passord:</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Error</source>
            <translation>Feil</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Signing in…</source>
            <translation>Logger inn…</translation>
        </message>
        <message>
            <location line="+59" />
            <source>Wrong employee number or password. Please try again.</source>
            <translation>Feil ansattnummer eller passord. Prøv igjen.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>An employee number is at most 64 characters, a password at most 1024.</source>
            <translation>Et ansattnummer har høyst 64 tegn, et passord høyst 1024.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This device is not set up with a server yet: set it up first.</source>
            <translation>Denne enheten er ikke satt opp med en server ennå: sett den opp først.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="+106" />
            <location line="+242" />
            <source>Stempel</source>
            <translation>Stempel</translation>
        </message>
        <message>
            <location line="-232" />
            <source>Last updated</source>
            <translation>Sist oppdatert</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Clock &amp;in</source>
            <translation>Stemple &amp;inn</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Clock in</source>
            <translation>Stemple inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clock &amp;out</source>
            <translation>Stemple &amp;ut</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Clock out</source>
            <translation>Stemple ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start &amp;break</source>
            <translation>Start &amp;pause</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Start break</source>
            <translation>Start pause</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;End break</source>
            <translation>A&amp;vslutt pause</translation>
        </message>
        <message>
            <location line="+0" />
            <source>End break</source>
            <translation>Avslutt pause</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Quit</source>
            <translation>&amp;Avslutt</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;About Stempel</source>
            <translation>Om &amp;Stempel</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Settings…</source>
            <translation>&amp;Innstillinger…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Stempel</source>
            <translation>&amp;Stempel</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;Clock</source>
            <translation>Stemp&amp;ling</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Open the menu</source>
            <translation>Åpne menyen</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Notice</source>
            <translation>Merknad</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Employee</source>
            <translation>Ansatt</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Employee number and date</source>
            <translation>Ansattnummer og dato</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Error</source>
            <translation>Feil</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Try again</source>
            <translation>P&amp;røv igjen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Try again</source>
            <translation>Prøv igjen</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Clock state</source>
            <translation>Stemplingstilstand</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Clock status</source>
            <translation>Stemplingsstatus</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Last punch saved</source>
            <translation>Siste stempling lagret</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Shortcut: {keys}</source>
            <translation>Hurtigtast: {keys}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{name} ({keys})</source>
            <translation>{name} ({keys})</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Saved: {punch}</source>
            <translation>Lagret: {punch}</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Employee {number} · {today}</source>
            <translation>Ansatt {number} · {today}</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Saving your punch…</source>
            <translation>Lagrer stemplingen din…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not saved</source>
            <translation>Ikke lagret</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Updated {time}</source>
            <translation>Oppdatert {time}</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Short rest</source>
            <translation>Kort hviletid</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Clock &amp;in anyway</source>
            <translation>Stemple &amp;inn likevel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Not now</source>
            <translation>Ikke &amp;nå</translation>
        </message>
    </context>
    <context>
        <name>ManagerWindow</name>
        <message>
            <location filename="../../app/ui/manager/window.py" line="+130" />
            <source>Stempel — Team</source>
            <translation>Stempel — Team</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Last updated</source>
            <translation>Sist oppdatert</translation>
        </message>
        <message>
            <location line="+20" />
            <source>◀ Previous week</source>
            <translation>◀ Forrige uke</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Next week ▶</source>
            <translation>Neste uke ▶</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This &amp;week</source>
            <translation>Denne &amp;uken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Refresh</source>
            <translation>Oppdater</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Approve…</source>
            <translation>&amp;Godkjenn…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Approve this week</source>
            <translation>Godkjenn denne uken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Reject…</source>
            <translation>A&amp;vvis…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reject this week, with a comment</source>
            <translation>Avvis denne uken, med en kommentar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Re&amp;open…</source>
            <translation>Gjen&amp;åpne…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reopen this approved week</source>
            <translation>Gjenåpne denne godkjente uken</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approve all &amp;clean weeks…</source>
            <translation>Godkjenn a&amp;lle uker uten avvik…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;History…</source>
            <translation>&amp;Historikk…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The history of the chosen punch</source>
            <translation>Historikken til den valgte stemplingen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close</source>
            <translation>Lukk</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Previous week</source>
            <translation>Forrige uke</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next week</source>
            <translation>Neste uke</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Week shown</source>
            <translation>Uken som vises</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Team</source>
            <translation>Team</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Your team</source>
            <translation>Teamet ditt</translation>
        </message>
        <message>
            <location line="+5" />
            <source>About the team</source>
            <translation>Om teamet</translation>
        </message>
        <message>
            <location line="+59" />
            <source>Nobody reports to you on this device yet; the team arrives with a sync.</source>
            <translation>Ingen rapporterer til deg på denne enheten ennå; teamet kommer med en synkronisering.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Updated {time}</source>
            <translation>Oppdatert {time}</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Choose someone in the list to see their week.</source>
            <translation>Velg noen i listen for å se uken deres.</translation>
        </message>
        <message>
            <location line="+45" />
            <source>{week} · {span}</source>
            <translation>{week} · {span}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{text} (this week)</source>
            <translation>{text} (denne uken)</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Approve week</source>
            <translation>Godkjenn uke</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Approve</source>
            <translation>&amp;Godkjenn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Approve {week} of {who}: {count} punches, {anomalies} anomalies.</source>
            <translation>Godkjenn {week} for {who}: {count} stemplinger, {anomalies} avvik.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reject week</source>
            <translation>Avvis uke</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Reject</source>
            <translation>A&amp;vvis</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reject {week} of {who}. Say what is wrong, so they can ask for corrections.</source>
            <translation>Avvis {week} for {who}. Si hva som er feil, så vedkommende kan be om korrigeringer.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Reopen week</source>
            <translation>Gjenåpne uke</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Re&amp;open</source>
            <translation>Gjen&amp;åpne</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reopen {week} of {who}: it is unlocked and needs a new decision.</source>
            <translation>Gjenåpne {week} for {who}: den låses opp og trenger en ny avgjørelse.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Approved {week} of {who}; it is sent with the next sync.</source>
            <translation>Godkjente {week} for {who}; det sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rejected {week} of {who}; it is sent with the next sync.</source>
            <translation>Avviste {week} for {who}; det sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reopened {week} of {who}; it is sent with the next sync.</source>
            <translation>Gjenåpnet {week} for {who}; det sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Approve all clean weeks</source>
            <translation>Godkjenn alle uker uten avvik</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approve 1 clean week of {week}?</source>
            <translation>Godkjenne 1 uke uten avvik i {week}?</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approve {count} clean weeks of {week}?</source>
            <translation>Godkjenne {count} uker uten avvik i {week}?</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Weeks with no anomaly and no decision yet: {names}. They are sent with the next sync.</source>
            <translation>Uker uten avvik og uten avgjørelse ennå: {names}. De sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Approve 1 week</source>
            <translation>Godkjenn 1 uke</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approve {count} weeks</source>
            <translation>Godkjenn {count} uker</translation>
        </message>
        <message>
            <location line="+26" />
            <source>No clean week was left to approve.</source>
            <translation>Det var ingen uker uten avvik igjen å godkjenne.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approved 1 clean week of {week}; it is sent with the next sync.</source>
            <translation>Godkjente 1 uke uten avvik i {week}; det sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approved {count} clean weeks of {week}; they are sent with the next sync.</source>
            <translation>Godkjente {count} uker uten avvik i {week}; de sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Reject correction request</source>
            <translation>Avvis korrigeringsforespørsel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reject this correction request. Say why: the employee sees it.</source>
            <translation>Avvis denne korrigeringsforespørselen. Si hvorfor: den ansatte ser det.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Reject request</source>
            <translation>A&amp;vvis forespørselen</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Correction approved; it is sent with the next sync.</source>
            <translation>Korrigeringen er godkjent; den sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Correction rejected; it is sent with the next sync.</source>
            <translation>Korrigeringen er avvist; den sendes med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>Not done: {reason}.</source>
            <translation>Ikke utført: {reason}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not done: {reason}</source>
            <translation>Ikke utført: {reason}</translation>
        </message>
    </context>
    <context>
        <name>ManagerWords</name>
        <message>
            <location filename="../../app/ui/manager/words.py" line="+42" />
            <source>Pending sync</source>
            <translation>Venter på sending</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Approved</source>
            <translation>Godkjent</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Rejected</source>
            <translation>Avvist</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Conflict</source>
            <translation>Konflikt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>Åpen</translation>
        </message>
        <message>
            <location line="+5" />
            <source>In</source>
            <translation>Inne</translation>
        </message>
        <message>
            <location line="+2" />
            <source>On break</source>
            <translation>På pause</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Out</source>
            <translation>Ute</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Clock in</source>
            <translation>Innstempling</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Clock out</source>
            <translation>Utstempling</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Break start</source>
            <translation>Pausestart</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Break end</source>
            <translation>Pauseslutt</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Week {number}, {year}</source>
            <translation>Uke {number}, {year}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>week {number}, {year}</source>
            <translation>uke {number}, {year}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>No clock-out for more than {hours} h after the clock-in at {time}</source>
            <translation>Ingen utstempling på mer enn {hours} t etter innstemplingen kl. {time}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>suggested clock-out {time}</source>
            <translation>foreslått utstempling {time}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Clocked in again at {time} while already in: shifts overlap</source>
            <translation>Stemplet inn igjen kl. {time} mens allerede inne: vaktene overlapper</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A clock-out or break end at {time} with nothing open</source>
            <translation>En utstempling eller pauseslutt kl. {time} uten noe åpent</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The shift from {time} is longer than {hours} h</source>
            <translation>Vakten fra {time} er lengre enn {hours} t</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The punch at {time} came from a device whose clock was more than 2 min off</source>
            <translation>Stemplingen kl. {time} kom fra en enhet med klokke som gikk feil med mer enn 2 min</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The punch at {time} was made on a kiosk while it was offline</source>
            <translation>Stemplingen kl. {time} ble gjort på en kiosk mens den var frakoblet</translation>
        </message>
        <message>
            <location line="+8" />
            <source>normal working time per 24 hours</source>
            <translation>alminnelig arbeidstid per 24 timer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>normal working time per 7 days</source>
            <translation>alminnelig arbeidstid per 7 dager</translation>
        </message>
        <message>
            <location line="+1" />
            <source>overtime per 7 days</source>
            <translation>overtid per 7 dager</translation>
        </message>
        <message>
            <location line="+1" />
            <source>overtime per 4 consecutive weeks</source>
            <translation>overtid innenfor 4 sammenhengende uker</translation>
        </message>
        <message>
            <location line="+1" />
            <source>overtime per 52 weeks</source>
            <translation>overtid innenfor 52 uker</translation>
        </message>
        <message>
            <location line="+1" />
            <source>total working time per 24 hours</source>
            <translation>samlet arbeidstid per 24 timer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>total working time, 8-week average</source>
            <translation>samlet arbeidstid i gjennomsnitt over 8 uker</translation>
        </message>
        <message>
            <location line="+1" />
            <source>daily rest</source>
            <translation>daglig arbeidsfri</translation>
        </message>
        <message>
            <location line="+1" />
            <source>weekly rest</source>
            <translation>ukentlig arbeidsfri</translation>
        </message>
        <message>
            <location line="+1" />
            <source>breaks</source>
            <translation>pauser</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sunday and public holiday work</source>
            <translation>søn- og helgedagsarbeid</translation>
        </message>
        <message>
            <location line="+1" />
            <source>night work</source>
            <translation>nattarbeid</translation>
        </message>
        <message>
            <location line="+18" />
            <source>{section} {title}: {value}</source>
            <translation>{section} {title}: {value}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{section} {title}: {value} (at least {limit})</source>
            <translation>{section} {title}: {value} (minst {limit})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{section} {title}: {value} (at most {limit})</source>
            <translation>{section} {title}: {value} (høyst {limit})</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <location filename="../../app/ui/qt_words.py" line="+60" />
            <source>Folder</source>
            <translation>Mappe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation>Fil</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <location line="-20" />
            <source>&amp;Look in:</source>
            <translation>&amp;Se i:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File &amp;name:</source>
            <translation>Fil&amp;navn:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Files of &amp;type:</source>
            <translation>Fil&amp;type:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>&amp;Lagre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Open</source>
            <translation>&amp;Åpne</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save As</source>
            <translation>Lagre som</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back</source>
            <translation>Tilbake</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forward</source>
            <translation>Fremover</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parent Directory</source>
            <translation>Overordnet mappe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Create New Folder</source>
            <translation>Lag ny mappe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>List View</source>
            <translation>Listevisning</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Detail View</source>
            <translation>Detaljvisning</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New Folder</source>
            <translation>Ny mappe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 finnes allerede.
Vil du erstatte den?</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation>Navn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Size</source>
            <translation>Størrelse</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date Modified</source>
            <translation>Endret</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Computer</source>
            <translation>Datamaskin</translation>
        </message>
    </context>
    <context>
        <name>QGnomeTheme</name>
        <message>
            <location line="-24" />
            <source>&amp;OK</source>
            <translation>&amp;OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>&amp;Lagre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Cancel</source>
            <translation>&amp;Avbryt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Close</source>
            <translation>&amp;Lukk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close without Saving</source>
            <translation>Lukk uten å lagre</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <location line="+24" />
            <source>&amp;Undo</source>
            <translation>&amp;Angre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Redo</source>
            <translation>&amp;Gjør om</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cu&amp;t</source>
            <translation>Klipp &amp;ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Copy</source>
            <translation>&amp;Kopier</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Paste</source>
            <translation>&amp;Lim inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete</source>
            <translation>Slett</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Select All</source>
            <translation>Merk alt</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <location line="-50" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save</source>
            <translation>Lagre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>Åpne</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Yes</source>
            <translation>&amp;Ja</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;No</source>
            <translation>&amp;Nei</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Abort</source>
            <translation>Avbryt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Retry</source>
            <translation>Prøv igjen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ignore</source>
            <translation>Ignorer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close</source>
            <translation>Lukk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Avbryt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard</source>
            <translation>Forkast</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Help</source>
            <translation>Hjelp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Apply</source>
            <translation>Bruk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reset</source>
            <translation>Tilbakestill</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Restore Defaults</source>
            <translation>Gjenopprett standardverdier</translation>
        </message>
    </context>
    <context>
        <name>RefusedDialog</name>
        <message>
            <location filename="../../app/ui/refused_dialog.py" line="+66" />
            <source>Refused by the server</source>
            <translation>Avvist av serveren</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The server did not accept these entries. They stay on this device; show this list to your manager, who can correct the hours.</source>
            <translation>Serveren godtok ikke disse oppføringene. De blir liggende på denne enheten; vis denne listen til lederen din, som kan korrigere timene.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>When</source>
            <translation>Når</translation>
        </message>
        <message>
            <location line="+0" />
            <source>What</source>
            <translation>Hva</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Employee</source>
            <translation>Ansatt</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Reason</source>
            <translation>Begrunnelse</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Entries refused by the server</source>
            <translation>Oppføringer avvist av serveren</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Loading…</source>
            <translation>Laster inn…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Entry</source>
            <translation>Oppføring</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Nothing is refused any more.</source>
            <translation>Ingenting er avvist lenger.</translation>
        </message>
    </context>
    <context>
        <name>ReviewWords</name>
        <message>
            <location filename="../../app/ui/review_words.py" line="+21" />
            <source>you cannot decide on your own week</source>
            <translation>du kan ikke avgjøre din egen uke</translation>
        </message>
        <message>
            <location line="+3" />
            <source>a decision on this week is waiting to be sent; sync first</source>
            <translation>en avgjørelse for denne uken venter på å bli sendt; synkroniser først</translation>
        </message>
        <message>
            <location line="+3" />
            <source>this week is approved and locked; reopen it first</source>
            <translation>denne uken er godkjent og låst; gjenåpne den først</translation>
        </message>
        <message>
            <location line="+3" />
            <source>this week is not approved; there is nothing to reopen</source>
            <translation>denne uken er ikke godkjent; det er ingenting å gjenåpne</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the week changed while you looked at it (a sync brought more); look again</source>
            <translation>uken endret seg mens du så på den (en synkronisering hentet mer); se på den igjen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>they are clocked in now; approve the week after they clock out (the lock would refuse it)</source>
            <translation>vedkommende er stemplet inn nå; godkjenn uken etter utstemplingen (låsen ville avvist den)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>no such correction request in your team on this device</source>
            <translation>ingen slik korrigeringsforespørsel i teamet ditt på denne enheten</translation>
        </message>
        <message>
            <location line="+3" />
            <source>this correction request is already decided</source>
            <translation>denne korrigeringsforespørselen er allerede avgjort</translation>
        </message>
        <message>
            <location line="+3" />
            <source>say why: a correction needs a reason</source>
            <translation>si hvorfor: en korrigering trenger en begrunnelse</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the corrected time needs a zone</source>
            <translation>det korrigerte tidspunktet trenger en tidssone</translation>
        </message>
        <message>
            <location line="+1" />
            <source>no such punch of yours on this device</source>
            <translation>ingen slik stempling av deg på denne enheten</translation>
        </message>
        <message>
            <location line="+15" />
            <source>{number} is not in your team on this device</source>
            <translation>{number} er ikke i teamet ditt på denne enheten</translation>
        </message>
    </context>
    <context>
        <name>ServerWords</name>
        <message>
            <location filename="../../app/ui/server_words.py" line="+28" />
            <source>locked: week {number}, {year} is approved; ask your manager to reopen it</source>
            <translation>låst: uke {number}, {year} er godkjent; be lederen din om å gjenåpne den</translation>
        </message>
        <message>
            <location line="+8" />
            <source>conflict: 1 entry arrived after you decided; the week is back for review</source>
            <translation>konflikt: 1 oppføring kom inn etter at du avgjorde; uken er tilbake til gjennomgang</translation>
        </message>
        <message>
            <location line="+3" />
            <source>conflict: {count} entries arrived after you decided; the week is back for review</source>
            <translation>konflikt: {count} oppføringer kom inn etter at du avgjorde; uken er tilbake til gjennomgang</translation>
        </message>
        <message>
            <location line="+8" />
            <source>this punch is already recorded under another mutation id</source>
            <translation>denne stemplingen er allerede registrert under en annen endrings-ID</translation>
        </message>
        <message>
            <location line="+2" />
            <source>this approval is already recorded under another mutation id</source>
            <translation>denne godkjenningen er allerede registrert under en annen endrings-ID</translation>
        </message>
        <message>
            <location line="+1" />
            <source>this correction is already recorded under another mutation id</source>
            <translation>denne korrigeringen er allerede registrert under en annen endrings-ID</translation>
        </message>
        <message>
            <location line="+6" />
            <source>not allowed: you do not manage this employee</source>
            <translation>ikke tillatt: du er ikke leder for denne ansatte</translation>
        </message>
        <message>
            <location line="+3" />
            <source>sign in to send this decision</source>
            <translation>logg inn for å sende denne avgjørelsen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>sign in to send this correction</source>
            <translation>logg inn for å sende denne korrigeringen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>conflict: the week is already approved</source>
            <translation>konflikt: uken er allerede godkjent</translation>
        </message>
        <message>
            <location line="+3" />
            <source>conflict: the week's entries changed after you decided; the week is back for review</source>
            <translation>konflikt: oppføringene i uken ble endret etter at du avgjorde; uken er tilbake til gjennomgang</translation>
        </message>
        <message>
            <location line="+3" />
            <source>a correction needs a reason</source>
            <translation>en korrigering må ha en begrunnelse</translation>
        </message>
        <message>
            <location line="+1" />
            <source>a correction request needs the kind of punch</source>
            <translation>en korrigeringsforespørsel må si hva slags stempling den gjelder</translation>
        </message>
        <message>
            <location line="+3" />
            <source>no such punch of this employee</source>
            <translation>den ansatte har ingen slik stempling</translation>
        </message>
        <message>
            <location line="+1" />
            <source>no such correction request</source>
            <translation>ingen slik korrigeringsforespørsel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>this correction request is already decided</source>
            <translation>denne korrigeringsforespørselen er allerede avgjort</translation>
        </message>
        <message>
            <location line="+3" />
            <source>a decision on a correction repeats the request's time</source>
            <translation>en avgjørelse om en korrigering må gjenta tidspunktet i forespørselen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>not allowed: an employee may only punch for themselves</source>
            <translation>ikke tillatt: en ansatt kan bare stemple for seg selv</translation>
        </message>
        <message>
            <location line="+3" />
            <source>not allowed: this device may only send punches of employees who signed in on it</source>
            <translation>ikke tillatt: denne enheten kan bare sende stemplinger fra ansatte som har logget inn på den</translation>
        </message>
        <message>
            <location line="+3" />
            <source>not allowed: this device was removed by the administrator</source>
            <translation>ikke tillatt: denne enheten ble fjernet av administratoren</translation>
        </message>
        <message>
            <location line="+3" />
            <source>made after this device was removed by the administrator</source>
            <translation>gjort etter at administratoren fjernet denne enheten</translation>
        </message>
        <message>
            <location line="+3" />
            <source>unknown or inactive employee</source>
            <translation>ukjent eller inaktiv ansatt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>this mutation id was already used for other content</source>
            <translation>denne endrings-ID-en er allerede brukt for annet innhold</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="+66" />
            <location line="+2" />
            <source>Settings</source>
            <translation>Innstillinger</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Language</source>
            <translation>Språk</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+12" />
            <source>Automatic</source>
            <translation>Automatisk</translation>
        </message>
        <message>
            <location line="-11" />
            <source>Norsk bokmål</source>
            <translation>Norsk bokmål</translation>
        </message>
        <message>
            <location line="+1" />
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Language:</source>
            <translation>&amp;Språk:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Appearance</source>
            <translation>Utseende</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Light</source>
            <translation>Lyst</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dark</source>
            <translation>Mørkt</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Automatic follows the light or dark setting of your desktop.</source>
            <translation>Automatisk følger lys eller mørk innstilling på skrivebordet.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Appearance:</source>
            <translation>&amp;Utseende:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Start Stempel when I log in</source>
            <translation>S&amp;tart Stempel når jeg logger inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start Stempel when I log in</source>
            <translation>Start Stempel når jeg logger inn</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Profile folder</source>
            <translation>Profilmappe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Open folder</source>
            <translation>Å&amp;pne mappe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open profile folder</source>
            <translation>Åpne profilmappen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Profile folder:</source>
            <translation>P&amp;rofilmappe:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Some text changes language only when Stempel starts again.</source>
            <translation>Noe tekst bytter språk først når Stempel startes på nytt.</translation>
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
        <message>
            <location filename="../../app/ui/setup_dialog.py" line="+74" />
            <source>Set up this device</source>
            <translation>Sett opp denne enheten</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Connect this device to your organisation's Stempel server. Your administrator gives you the server address, the tenant name and a one-time code.</source>
            <translation>Koble denne enheten til Stempel-serveren til organisasjonen din. Administratoren din gir deg serveradressen, leietakernavnet og en engangskode.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Problem with the server address</source>
            <translation>Problem med serveradressen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Tenant</source>
            <translation>Leietaker</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Problem with the tenant</source>
            <translation>Problem med leietakeren</translation>
        </message>
        <message>
            <location line="+2" />
            <source>One-time code</source>
            <translation>Engangskode</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Only if your server has its own certificate authority</source>
            <translation>Bare hvis serveren din har sin egen sertifikatutsteder</translation>
        </message>
        <message>
            <location line="+1" />
            <source>CA file</source>
            <translation>CA-fil</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Browse…</source>
            <translation>&amp;Bla gjennom…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose the CA file</source>
            <translation>Velg CA-filen</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Optional: 64 hex digits</source>
            <translation>Valgfritt: 64 heksadesimale sifre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Server key pin (SPKI sha256)</source>
            <translation>Pin for servernøkkelen (SPKI sha256)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Problem with the pin</source>
            <translation>Problem med pinnen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Server address:</source>
            <translation>&amp;Serveradresse:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Tenant:</source>
            <translation>&amp;Leietaker:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>One-time &amp;code:</source>
            <translation>Engangs&amp;kode:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>C&amp;A file:</source>
            <translation>C&amp;A-fil:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Pin:</source>
            <translation>Sertifikat-&amp;pin:</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Note</source>
            <translation>Merknad</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Error</source>
            <translation>Feil</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Connecting to the server…</source>
            <translation>Kobler til serveren…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Set up</source>
            <translation>Sett opp</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Result</source>
            <translation>Resultat</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Compare this fingerprint of the server's certificate (SPKI sha256) with the one your administrator gave you. If they differ, do not use this device and tell them.</source>
            <translation>Sammenlign dette fingeravtrykket av serverens sertifikat (SPKI sha256) med det administratoren din ga deg. Hvis de er forskjellige, ikke bruk denne enheten, og si fra til administratoren.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Server certificate fingerprint</source>
            <translation>Fingeravtrykk for serversertifikatet</translation>
        </message>
        <message>
            <location line="+1" />
            <source>It matches the pin you entered.</source>
            <translation>Det stemmer med pinnen du skrev inn.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Copy fingerprint</source>
            <translation>&amp;Kopier fingeravtrykk</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Copies the fingerprint to the clipboard</source>
            <translation>Kopierer fingeravtrykket til utklippstavlen</translation>
        </message>
        <message>
            <location line="+13" />
            <source>&amp;Sign in…</source>
            <translation>&amp;Logg inn…</translation>
        </message>
        <message>
            <location line="+33" />
            <source>The address must start with https:// — plain http is never used.</source>
            <translation>Adressen må begynne med https:// — vanlig http brukes aldri.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This is not a valid https:// address.</source>
            <translation>Dette er ikke en gyldig https://-adresse.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Lower-case letters, digits and dashes only (at most 63).</source>
            <translation>Bare små bokstaver, sifre og bindestreker (høyst 63).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A pin is the 64 hex digits that `stempel-server init` prints.</source>
            <translation>En pin er de 64 heksadesimale sifrene som `stempel-server init` skriver ut.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>This device is already set up with {tenant}. Setting it up again replaces that setup; you will need to sign in again. Punches waiting to sync are kept.</source>
            <translation>Denne enheten er allerede satt opp med {tenant}. Å sette den opp på nytt erstatter det oppsettet; du må logge inn igjen. Stemplinger som venter på synkronisering, beholdes.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Set up again</source>
            <translation>Sett opp på nytt</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Choose the server's CA file</source>
            <translation>Velg serverens CA-fil</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
            <translation>Sertifikater (*.crt *.pem *.cer);;Alle filer (*)</translation>
        </message>
        <message>
            <location line="+30" />
            <source>This device is now set up with {tenant} (device {device}).</source>
            <translation>Denne enheten er nå satt opp med {tenant} (enhet {device}).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>(not known)</source>
            <translation>(ukjent)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The CA file could not be read: check its name and that you may read it.</source>
            <translation>CA-filen kunne ikke leses: kontroller navnet og at du har lesetilgang til den.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The CA file holds no certificate (a PEM file is needed).</source>
            <translation>CA-filen inneholder ikke noe sertifikat (en PEM-fil trengs).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The one-time code is not valid: check it and try again.</source>
            <translation>Engangskoden er ikke gyldig: kontroller den og prøv igjen.</translation>
        </message>
    </context>
    <context>
        <name>SyncControls</name>
        <message>
            <location filename="../../app/ui/sync_controls.py" line="+69" />
            <source>Sync &amp;now</source>
            <translation>Synkroniser &amp;nå</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Send and receive now (F5)</source>
            <translation>Send og motta nå (F5)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sign &amp;in…</source>
            <translation>&amp;Logg inn…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Set &amp;up this device…</source>
            <translation>Sett &amp;opp denne enheten…</translation>
        </message>
    </context>
    <context>
        <name>SyncIndicator</name>
        <message>
            <location filename="../../app/ui/sync_indicator.py" line="+222" />
            <source>Sync status</source>
            <translation>Synkroniseringsstatus</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sync progress</source>
            <translation>Synkroniseringsfremdrift</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Shows each refused entry and why</source>
            <translation>Viser hver avviste oppføring og hvorfor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sync &amp;now</source>
            <translation>Synkroniser &amp;nå</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sync now</source>
            <translation>Synkroniser nå</translation>
        </message>
        <message>
            <location line="+1" />
            <source>C&amp;ancel</source>
            <translation>&amp;Avbryt</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cancel the sync</source>
            <translation>Avbryt synkroniseringen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stops after the current batch; the next sync carries on from there</source>
            <translation>Stopper etter gjeldende bunke; neste synkronisering fortsetter derfra</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Si&amp;gn in…</source>
            <translation>Lo&amp;gg inn…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sign in</source>
            <translation>Logg inn</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Set &amp;up…</source>
            <translation>Sett &amp;opp…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Set up this device</source>
            <translation>Sett opp denne enheten</translation>
        </message>
    </context>
    <context>
        <name>SyncView</name>
        <message numerus="yes">
            <location line="-177" />
            <source>%n waiting to sync</source>
            <translation>
                <numerusform>%n venter på synkronisering</numerusform>
                <numerusform>%n venter på synkronisering</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>%n refused by the server</source>
            <translation>
                <numerusform>%n avvist av serveren</numerusform>
                <numerusform>%n avvist av serveren</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Sync: checking…</source>
            <translation>Synkronisering: kontrollerer…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not set up to sync</source>
            <translation>Ikke satt opp for synkronisering</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Not set up to sync — %n waiting</source>
            <translation>
                <numerusform>Ikke satt opp for synkronisering — %n venter</numerusform>
                <numerusform>Ikke satt opp for synkronisering — %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>Punches are kept safely on this device until it is set up.</source>
            <translation>Stemplingene oppbevares trygt på denne enheten til den er satt opp.</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+56" />
            <source>Synced {time}</source>
            <translation>Synkronisert {time}</translation>
        </message>
        <message>
            <location line="-55" />
            <source>Not synced yet</source>
            <translation>Ikke synkronisert ennå</translation>
        </message>
        <message numerus="yes">
            <location line="+8" />
            <source>Offline since {time} — %n waiting</source>
            <translation>
                <numerusform>Frakoblet siden {time} — %n venter</numerusform>
                <numerusform>Frakoblet siden {time} — %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Offline since {time}</source>
            <translation>Frakoblet siden {time}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stempel keeps trying by itself. {reason}</source>
            <translation>Stempel fortsetter å prøve av seg selv. {reason}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Sync stopped</source>
            <translation>Synkronisering stoppet</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sync stopped — %n waiting</source>
            <translation>
                <numerusform>Synkronisering stoppet — %n venter</numerusform>
                <numerusform>Synkronisering stoppet — %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>What arrived is kept; the next sync carries on from there (Sync now, or within a minute).</source>
            <translation>Det som kom fram, er tatt vare på; neste synkronisering fortsetter derfra (Synkroniser nå, eller innen et minutt).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The server's certificate is not the one this device trusts</source>
            <translation>Serverens sertifikat er ikke det denne enheten stoler på</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Nothing is sent to a server this device does not trust. Ask your administrator; setting the device up again with the right CA file or pin fixes it.</source>
            <translation>Ingenting sendes til en server denne enheten ikke stoler på. Spør administratoren din; å sette opp enheten på nytt med riktig CA-fil eller pin løser det.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This device was removed by your administrator</source>
            <translation>Denne enheten ble fjernet av administratoren din</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Its data has been deleted from this computer. Set it up again to use it.</source>
            <translation>Dataene er slettet fra denne datamaskinen. Sett den opp på nytt for å bruke den.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This device was removed from the server</source>
            <translation>Denne enheten ble fjernet fra serveren</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Punches stay on this device. Set it up again with a new one-time code.</source>
            <translation>Stemplingene blir liggende på denne enheten. Sett den opp på nytt med en ny engangskode.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sync problem</source>
            <translation>Synkroniseringsproblem</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sync problem — %n waiting</source>
            <translation>
                <numerusform>Synkroniseringsproblem — %n venter</numerusform>
                <numerusform>Synkroniseringsproblem — %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+6" />
            <source>Synced</source>
            <translation>Synkronisert</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sign-in needed</source>
            <translation>Pålogging kreves</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sign-in needed — %n waiting</source>
            <translation>
                <numerusform>Pålogging kreves — %n venter</numerusform>
                <numerusform>Pålogging kreves — %n venter</numerusform>
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Punches made here are still delivered; sign in to see your hours from other devices.</source>
            <translation>Stemplinger gjort her leveres fortsatt; logg inn for å se timene dine fra andre enheter.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Syncing…</source>
            <translation>Synkroniserer…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Syncing… {done} of {total}</source>
            <translation>Synkroniserer… {done} av {total}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Syncing… {done} received</source>
            <translation>Synkroniserer… {done} mottatt</translation>
        </message>
    </context>
    <context>
        <name>TeamControls</name>
        <message>
            <location filename="../../app/ui/manager/controls.py" line="+47" />
            <source>&amp;Team…</source>
            <translation>&amp;Team…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Review and approve your team's weeks</source>
            <translation>Gå gjennom og godkjenn ukene til teamet ditt</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Ask for a &amp;correction…</source>
            <translation>Be om &amp;korrigering…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ask your manager to correct a punch</source>
            <translation>Be lederen din om å korrigere en stempling</translation>
        </message>
    </context>
    <context>
        <name>TeamTableModel</name>
        <message>
            <location filename="../../app/ui/manager/overview_table.py" line="+69" />
            <source>No.</source>
            <translation>Nr.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation>Navn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decision</source>
            <translation>Avgjørelse</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Now</source>
            <translation>Nå</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This week</source>
            <translation>Denne uken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last week</source>
            <translation>Forrige uke</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Anomalies</source>
            <translation>Avvik</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Law</source>
            <translation>Lov</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Locked: no new punches or corrections until a manager reopens the week</source>
            <translation>Låst: ingen nye stemplinger eller korrigeringer før en leder gjenåpner uken</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Findings of the arbeidsmiljøloven chapter 10 checks this week</source>
            <translation>Funn fra kontrollene etter arbeidsmiljøloven kapittel 10 denne uken</translation>
        </message>
    </context>
    <context>
        <name>TodayPanel</name>
        <message>
            <location filename="../../app/ui/panels.py" line="+62" />
            <source>Today</source>
            <translation>I dag</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Time</source>
            <translation>Klokkeslett</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Event</source>
            <translation>Hendelse</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Today's punches</source>
            <translation>Dagens stemplinger</translation>
        </message>
        <message>
            <location line="+12" />
            <source>No punches yet today.</source>
            <translation>Ingen stemplinger ennå i dag.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <location filename="../../app/ui/tray.py" line="+43" />
            <source>Clock in</source>
            <translation>Stemple inn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clock out</source>
            <translation>Stemple ut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start break</source>
            <translation>Start pause</translation>
        </message>
        <message>
            <location line="+1" />
            <source>End break</source>
            <translation>Avslutt pause</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Sign in…</source>
            <translation>Logg inn…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Set up this device…</source>
            <translation>Sett opp denne enheten…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Ask for a correction…</source>
            <translation>Be om korrigering…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Show window</source>
            <translation>Vis vinduet</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quit</source>
            <translation>Avslutt</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Stempel — {status}</source>
            <translation>Stempel — {status}</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Stempel is still running</source>
            <translation>Stempel kjører fortsatt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Punch from here, or choose Quit to close Stempel.</source>
            <translation>Stemple herfra, eller velg Avslutt for å lukke Stempel.</translation>
        </message>
    </context>
    <context>
        <name>WeekPanel</name>
        <message>
            <location filename="../../app/ui/panels.py" line="+23" />
            <location line="+44" />
            <source>This week</source>
            <translation>Denne uken</translation>
        </message>
        <message>
            <location line="-20" />
            <location line="+5" />
            <source>Week total</source>
            <translation>Sum for uken</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Nothing recorded yet.</source>
            <translation>Ingenting registrert ennå.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>This week · week {number}</source>
            <translation>Denne uken · uke {number}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>d MMM</source>
            <translation>d. MMM</translation>
        </message>
    </context>
    <context>
        <name>WeekView</name>
        <message>
            <location filename="../../app/ui/manager/week_view.py" line="+71" />
            <source>Shortcut: {keys}</source>
            <translation>Hurtigtast: {keys}</translation>
        </message>
        <message>
            <location line="+105" />
            <source>Employee</source>
            <translation>Ansatt</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Week</source>
            <translation>Uke</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Decision</source>
            <translation>Avgjørelse</translation>
        </message>
        <message>
            <location line="+3" />
            <source>About the decision</source>
            <translation>Om avgjørelsen</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Days and punches</source>
            <translation>Dager og stemplinger</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Day</source>
            <translation>Dag</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Shifts</source>
            <translation>Vakter</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Breaks</source>
            <translation>Pauser</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Worked</source>
            <translation>Arbeidet</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+4" />
            <source>Anomalies</source>
            <translation>Avvik</translation>
        </message>
        <message>
            <location line="-3" />
            <source>Days of the week</source>
            <translation>Ukens dager</translation>
        </message>
        <message>
            <location line="+3" />
            <source>When</source>
            <translation>Når</translation>
        </message>
        <message>
            <location line="+0" />
            <source>What</source>
            <translation>Hva</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Made on</source>
            <translation>Gjort på</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Punches of the week</source>
            <translation>Ukens stemplinger</translation>
        </message>
        <message>
            <location line="+21" />
            <source>&amp;Days</source>
            <translation>&amp;Dager</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Punches</source>
            <translation>&amp;Stemplinger</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Week total</source>
            <translation>Sum for uken</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Message</source>
            <translation>Melding</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose someone in the list to see their week.</source>
            <translation>Velg noen i listen for å se uken deres.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>{name} · {number}</source>
            <translation>{name} · {number}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>no anomalies</source>
            <translation>ingen avvik</translation>
        </message>
        <message>
            <location line="+2" />
            <source>1 anomaly</source>
            <translation>1 avvik</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{count} anomalies</source>
            <translation>{count} avvik</translation>
        </message>
        <message>
            <location line="+3" />
            <source>1 work-time law finding</source>
            <translation>1 funn etter arbeidstidsreglene</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{count} work-time law findings</source>
            <translation>{count} funn etter arbeidstidsreglene</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Total {total} · overtime {overtime} · {findings}</source>
            <translation>Totalt {total} · overtid {overtime} · {findings}</translation>
        </message>
        <message>
            <location line="+20" />
            <source> Comment: “{comment}”</source>
            <translation> Kommentar: «{comment}»</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This is your own week: someone else decides on it.</source>
            <translation>Dette er din egen uke: noen andre avgjør den.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the server refused the decision</source>
            <translation>serveren avviste avgjørelsen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The server did not take your decision ({reason}). Look again and decide anew.</source>
            <translation>Serveren tok ikke imot avgjørelsen din ({reason}). Se på den igjen og avgjør på nytt.</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+130" />
            <source>Approved</source>
            <translation>Godkjent</translation>
        </message>
        <message>
            <location line="-129" />
            <location line="+129" />
            <source>Rejected</source>
            <translation>Avvist</translation>
        </message>
        <message>
            <location line="-128" />
            <source>Reopened</source>
            <translation>Gjenåpnet</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decided</source>
            <translation>Avgjort</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{what} {when}; sent to the server with the next sync.</source>
            <translation>{what} {when}; sendes til serveren med neste synkronisering.</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+8" />
            <source>a manager</source>
            <translation>en leder</translation>
        </message>
        <message>
            <location line="-6" />
            <source>Approved {when} by {who}. Locked: reopen the week to change it.</source>
            <translation>Godkjent {when} av {who}. Låst: gjenåpne uken for å endre den.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Rejected {when} by {who}.</source>
            <translation>Avvist {when} av {who}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Locked by an approval.</source>
            <translation>Låst av en godkjenning.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not decided yet.</source>
            <translation>Ikke avgjort ennå.</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Desktop</source>
            <translation>Skrivebord</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kiosk</source>
            <translation>Kiosk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Correction</source>
            <translation>Korrigering</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Correction requests</source>
            <translation>Korrigeringsforespørsler</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No correction requests for this week.</source>
            <translation>Ingen korrigeringsforespørsler denne uken.</translation>
        </message>
        <message>
            <location line="+18" />
            <location line="+6" />
            <source>{what} {when}</source>
            <translation>{what} {when}</translation>
        </message>
        <message>
            <location line="-2" />
            <source>Missing punch: {asked}</source>
            <translation>Manglende stempling: {asked}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{was} → {asked}</source>
            <translation>{was} → {asked}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Changed to {asked}</source>
            <translation>Endret til {asked}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{change} · “{reason}”</source>
            <translation>{change} · «{reason}»</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Approve</source>
            <translation>Godkjenn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Approve the request: {text}</source>
            <translation>Godkjenn forespørselen: {text}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reject…</source>
            <translation>Avvis…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reject the request: {text}</source>
            <translation>Avvis forespørselen: {text}</translation>
        </message>
    </context>
</TS>
