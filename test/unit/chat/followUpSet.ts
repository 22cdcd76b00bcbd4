/**
 * A small labelled set for the follow-up decision: pairs of (earlier question, new question) over
 * the subjects of the dev manuals, written by hand for this test (not taken from the eval
 * questions). `followUp` = the new question cannot be searched alone.
 */
export interface FollowUpCase {
  previous: string;
  question: string;
  followUp: boolean;
}

export const FOLLOW_UP_SET: FollowUpCase[] = [
  // Real follow-ups: pronouns, deixis, ellipsis, continuations.
  { previous: 'Who should own the cupsd.conf file?', question: 'What permissions should that file have?', followUp: true },
  { previous: 'How do I update the HackRF One firmware?', question: 'and how do I reset it afterwards?', followUp: true },
  { previous: 'What does the hackrf_transfer -H option do?', question: 'Does it work with two boards?', followUp: true },
  { previous: 'Which baud rates does the garmin format accept?', question: 'And the default?', followUp: true },
  { previous: 'How do I set the Opera Cake board address?', question: 'what about address 7?', followUp: true },
  { previous: 'Which port does rigctld listen on?', question: 'and rotctld?', followUp: true },
  { previous: 'How do I load the LED module in gpsim?', question: 'How do I remove it again?', followUp: true },
  { previous: 'What does escputil -n print?', question: 'Is the same option available for Canon printers?', followUp: true },
  { previous: 'How do I install R under /opt/R?', question: 'Do I need root for that?', followUp: true },
  { previous: 'Which key toggles 45-degree enforcement in PCB?', question: 'and the one for multiline mode?', followUp: true },
  { previous: 'What is the maximum RX power of the HackRF One?', question: 'What happens if I exceed it?', followUp: true },
  { previous: 'How do I enable CUPS debug logging?', question: 'Where does this log go?', followUp: true },
  { previous: 'What clock frequency does gpsim assume?', question: 'How do I change it?', followUp: true },
  { previous: 'How do I stream a Garmin position into KML?', question: 'Same for a serial receiver?', followUp: true },
  { previous: 'What does the TMPDIR variable do for R?', question: 'Where do I set this variable?', followUp: true },
  { previous: 'Which gps-week-rollover value applies to 2012 logs?', question: 'and for 2020?', followUp: true },
  { previous: 'How do I select the transponder in Gpredict?', question: 'then what?', followUp: true },
  { previous: 'What does the :DRC() command check?', question: 'How do I run those checks?', followUp: true },
  // Self-contained questions after an unrelated (or related) one: searched alone.
  { previous: 'Who should own the cupsd.conf file?', question: 'What signal does the HackRF One CLKIN port expect?', followUp: false },
  { previous: 'How do I update the HackRF One firmware?', question: 'Which environment variable disables the R HTTP help server?', followUp: false },
  { previous: 'Which port does rigctld listen on?', question: 'How do I build R from source and install it under /opt/R?', followUp: false },
  { previous: 'What does escputil -n print?', question: 'Which kernel module breaks gpsbabel USB access to Garmin receivers on Linux?', followUp: false },
  { previous: 'How do I load the LED module in gpsim?', question: 'What is the default GPSD port Gpredict uses?', followUp: false },
  { previous: 'What is the maximum RX power of the HackRF One?', question: 'Why does hackrf_info fail the first time on my laptop?', followUp: false },
  { previous: 'Which key toggles 45-degree enforcement in PCB?', question: 'How do I clean the print head of an Epson printer with escputil?', followUp: false },
  { previous: 'How do I enable CUPS debug logging?', question: 'What minimum stack size does R expect?', followUp: false },
  { previous: 'What clock frequency does gpsim assume?', question: 'How do I set a breakpoint when a register is written in gpsim?', followUp: false },
  { previous: 'Which gps-week-rollover value applies to 2012 logs?', question: 'How do I download the track log from an MTK logger with gpsbabel?', followUp: false },
  { previous: 'How do I select the transponder in Gpredict?', question: 'What does the Doppler correction do when the radio is not engaged?', followUp: false },
  { previous: 'What does the :DRC() command check?', question: 'Which I/O pin type models an open-collector output in gpsim?', followUp: false },
  { previous: 'How do I install R under /opt/R?', question: 'Why does the HackRF spectrum show a spike in the centre when it is tuned?', followUp: false },
  { previous: 'What does the TMPDIR variable do for R?', question: 'How do I feed an external 10 MHz clock into the HackRF One?', followUp: false },
  { previous: 'Which baud rates does the garmin format accept?', question: 'What is the serial speed used by the garmin format by default?', followUp: false },
  { previous: 'How do I stream a Garmin position into KML?', question: 'Which jumpers set the Opera Cake board address?', followUp: false },
  { previous: 'What does hackrf_transfer -H do?', question: 'How do I check for clogged nozzles on my Epson printer?', followUp: false },
  { previous: 'How do I set the Opera Cake board address?', question: 'What does the gpsim module list command show?', followUp: false }
];
