// English vocabulary for generated text. Search and benchmark figures are only meaningful when the corpus
// looks like language: a small head of very frequent function words and a long tail of content words.
// HEAD is in (approximate) real frequency order; the rest is a few thousand ordinary words, plus regular
// inflections derived from the NOUNS and VERBS lists, ranked after the head in a fixed shuffled order.
import { Rng } from "./random";

/** The most frequent English words, roughly in frequency order (rank 1 first). */
const HEAD = `
the of and to a in is it you that he was for on are with as i his they be at one have this from or had
by not word but what some we can out other were all there when up use your how said an each she which do
their time if will way about many then them write would like so these her long make thing see him two has
look more day could go come did number sound no most people my over know water than call first who may
down side been now find any new work part take get place made live where after back little only round man
year came show every good me give our under name very through just form sentence great think say help low
line differ turn cause much mean before move right boy old too same tell does set three want air well also
play small end put home read hand port large spell add even land here must big high such follow act why
ask men change went light kind off need house picture try us again animal point mother world near build
self earth father head stand own page should country found answer school grow study still learn plant
cover food sun four between state keep eye never last let thought city tree cross farm hard start might
story saw far sea draw left late run while press close night real life few north open seem together next
white children begin got walk example ease paper group always music those both mark often letter until
mile river car feet care second book carry took science eat room friend began idea fish mountain stop once
base hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red
list though feel talk bird soon body dog family direct pose leave song measure door product black short
numeral class wind question happen complete ship area half rock order fire south problem piece told knew
pass since top whole king space heard best hour better true during hundred five remember step early hold
west ground interest reach fast verb sing listen six table travel less morning ten simple several vowel
toward war lay against pattern slow center love person money serve appear road map rain rule govern pull
cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star
box noun field rest correct able pound done beauty drive stood contain front teach week final gave green
oh quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch
multiply nothing course stay wheel full force blue object decide surface deep moon island foot system busy
test record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape
equate hot miss brought heat snow tire bring yes distant fill east paint language among
`;

/** Plain words (already in the form they appear in text): function words, irregular forms, adjectives… */
const GENERAL = `
about above across actually afterwards again ahead almost alone along already although amongst anyhow
anything anyway anywhere apart around aside away barely because became become becomes becoming beforehand
behind below beneath beside besides beyond briefly certainly clearly completely currently definitely
despite directly easily either elsewhere entirely especially essentially eventually everybody everyone
everything everywhere exactly fairly finally firmly formerly forward frequently fully generally gently
hardly hence however immediately indeed initially instead largely lately likely mainly maybe meanwhile
merely mostly namely nearly neither nevertheless nobody none nonetheless normally notably nowhere
obviously occasionally otherwise overall perhaps possibly precisely presumably previously primarily
probably promptly properly quickly quietly quite rarely rather readily really recently regardless
regularly relatively roughly seldom separately seriously shortly significantly similarly simply slightly
somebody someone something sometimes somewhat somewhere soon specifically strictly strongly subsequently
suddenly surely therefore thoroughly thus today tomorrow tonight truly typically ultimately unless unlike
unlikely upon usually various versus whatever whenever whereas wherever whether whichever whoever whom
whose within without yesterday yet

am being having doing done gone went goes took taken gave given wrote written spoke spoken broke broken
chose chosen drove driven ate eaten fell fallen flew flown forgot forgotten froze frozen grew grown hid
hidden knew known rode ridden rose risen shook shaken stole stolen swore sworn threw thrown woke woken wore
worn began begun drank drunk rang rung sang sung sank sunk swam swum brought bought caught fought sought
taught thought built bent lent sent spent kept slept swept felt dealt meant left lost paid laid said sold
told found held stood understood led fed met read heard made had hit hurt let put quit set shut split
spread cut cost bet bid cast burst sat spat lit slid stuck struck strung swung hung dug spun won shot
stopped stopping planned planning shipped shipping committed committing admitted admitting preferred
preferring referred referring occurred occurring submitted submitting controlled controlling transferred
transferring scanned scanning mapped mapping logged logging tagged tagging flagged flagging dropped
dropping wrapped wrapping skipped skipping stepped stepping tapped tapping dragged dragging jogged jogging
begged chatted chatting fitted fitting knitted permitted permitting omitted omitting emitted emitting
compelled expelled propelled rebelled regretted regretting upset setting getting putting cutting running
swimming beginning winning sitting hitting letting forgetting shopping

able absent absolute abstract academic acceptable accessible accurate active actual acute adequate
adjacent advanced adverse aggressive agile alert alike alive ambitious ample ancient angry annual anxious
apparent appropriate approximate arbitrary arctic artificial asleep assistant atomic attractive authentic
automatic available average aware awesome awful awkward bad bare basic beautiful bitter bizarre blank
blind bold boring brave brief bright brilliant broad brown brutal busy calm capable careful casual
central cheap chemical chief chronic civic civil classic clean clever close closed coastal cognitive
coherent collective colorful comfortable commercial comparable compatible competent competitive complex
comprehensive concise concrete confident confidential conscious conservative considerable consistent
constant constitutional contemporary content continental continuous controversial convenient
conventional cool corporate costly countless covert cozy crazy creative critical crucial cultural curious
current cute daily damp dangerous dead deaf dear decent decisive dedicated defensive deliberate delicate
dense dependent desperate detailed digital diplomatic dirty distinct diverse domestic dominant double
dramatic due dull dumb durable dusty dynamic eager early eastern economic educational effective efficient
elaborate elderly electric electrical electronic elegant eligible emotional empty endless enormous
entire environmental equal equivalent essential eternal ethical ethnic evident evil exact excellent
exceptional excessive exciting exclusive exotic expensive experimental explicit exposed extensive
external extra extraordinary extreme fabulous faint fair faithful false familiar famous fancy fantastic
fatal favorable federal female fierce financial firm fiscal flat flexible fluid foreign formal former
fortunate fragile frank frequent fresh friendly frozen functional fundamental funny furious generous
genetic genuine giant glad global glorious golden gorgeous gradual grand grateful gray grim gross guilty
handy happy harsh healthy heavy helpful hidden historic historical holy honest horizontal horrible hostile
huge humble hungry ideal identical idle illegal immense imminent immune implicit important impossible
impressive inadequate incredible independent indirect individual industrial inevitable infinite informal
initial inner innocent innovative instant integral intellectual intelligent intense intensive
interactive interim internal international intimate invalid invisible ironic irrelevant isolated joint
junior just keen kind lame larger latest latter lazy legal legitimate lengthy lesser level liberal
limited linear liquid literary live lively local logical lonely loose loud lovely loyal lucky magic
magnetic magnificent major male manual marginal marine marked massive mature maximum meaningful
mechanical medical medieval mental mere middle mild military minimal minimum minor minute missing mobile
moderate modest moral mutual naked narrow nasty national native natural naval neat necessary negative
nervous neutral nice noble noisy nominal normal notable novel nuclear numerous objective obscure obvious
occasional odd offensive official okay online operational opposite optimal optional oral ordinary organic
original outdoor outer overseas painful pale parallel parental partial particular passive past patient
peaceful peculiar perfect permanent persistent personal physical plastic pleasant plenty plural polite
political poor popular portable positive potential powerful practical precious precise pregnant
preliminary premium present pretty previous primary prime principal prior private proactive productive
professional profitable profound progressive prominent prompt proper proportional proud provincial
psychological public pure purple qualified quantitative quarterly quiet racial radical random rapid rare
rational raw realistic reasonable recent reckless regional regular relative relevant reliable religious
reluctant remarkable remote renewable repeated residential resistant respectable responsible restless
retail rich rigid ripe robust romantic rough royal rude rural sacred sad safe scared scary secondary
secret secure selective senior sensible sensitive separate serious severe sexual shallow sharp sheer
shiny shy sick significant silent silly silver similar sincere single skilled sleepy slight slim smart
smooth social soft solar sole solid sophisticated sorry sour southern spare spatial specific spectacular
spiritual splendid stable standard static statistical steady steep sticky stiff straight strange
strategic strict structural stupid subjective substantial subtle successful sudden sufficient suitable
sunny super superb superior supreme surgical surprised suspicious sustainable sweet swift symbolic
sympathetic tall technical temporary tender terrible terrific thankful theoretical thick thin thorough
tight tiny tired total tough toxic traditional tragic transparent tremendous tropical typical ugly
ultimate unable uncertain unclear uncomfortable underlying unexpected unfair unhappy uniform unique
universal unknown unnecessary unpleasant unusual upper upset urban urgent useful useless usual vague valid
valuable variable vast verbal vertical viable vibrant virtual visible visual vital vivid voluntary
vulnerable weak wealthy weekly weird western wet wide wild willing wise wonderful wooden worried worse
worst worth worthy wrong yellow younger youthful zero

children women men people feet teeth mice geese data criteria phenomena analyses crises hypotheses
indices matrices appendices theses knives leaves lives wives halves shelves wolves thieves loaves
potatoes tomatoes heroes echoes vetoes

clip clips clipped clipping grab grabs grabbed grabbing pin pins pinned pinning blow blows blew blown
sell sells selling equip equips equipped equipping undo undoes undid undone undoing debug debugs debugged
debugging embed embeds embedded embedding format formats formatted formatting program programs programmed
programming reset resets resetting wife chairmen child mouse crisis hypothesis series staff cargo

ok okay thanks please sorry hello hi hey bye goodbye cheers yes yeah nope sure alright
`;

/** Regular nouns: each also appears with its derived plural. */
const NOUNS = `
ability absence academy access accident account achievement acid acquisition action activity actor
adapter addition address administration admission adult advantage adventure advertisement advice
advocate affair agency agenda agent agreement aircraft airline airport alarm album alert algorithm
allocation allowance alternative ambition amendment amount analyst anchor angle ankle announcement
anomaly answer antenna anxiety apartment apology app appeal appetite apple application appointment
approval archive argument arm army arrangement arrival article artist aspect assembly assessment asset
assignment assistant association assumption atmosphere attachment attack attempt attendance attention
attitude attorney attribute auction audience audit author authority automation autumn avenue average
award background backlog backup bag balance ball ban band bank banner bar bargain barrel barrier base
basket battery battle beach beam bean bear bed bedroom beer behavior belief bell belt benchmark benefit
bicycle bill biology birthday bit blade blanket block blog blood board boat bone bonus book boot border
bottle bottom boundary bowl brain branch brand bread breakfast breath brick bridge briefing brother
browser bucket budget bug building bulletin bundle burden bureau button buyer cabin cabinet cable cache
cake calendar camera camp campaign campus canal cancer candidate candle cap capacity capital captain car
card career cargo carpet carrier cart cartoon case cash castle category cause ceiling cell certificate
chain chair chairman challenge chamber champion championship chance channel chapter character charge
charity chart chat checklist cheek cheese chemical chest chicken chief child chip chocolate choice
chunk church cigarette circle circuit citizen claim clause client cliff climate clinic clock cloud club
cluster coach coalition coast coat code coffee coin collapse colleague collection college colony column
combination comment commission commitment committee commodity community company comparison competition
competitor complaint component computer concept concern concert conclusion condition conference
confidence configuration conflict connection connector consensus consequence constraint construction
consultant consumer contact container content contest context continent contract contractor
contribution controller convention conversation cookie copy corner corporation correction corridor
cost cottage council counter country county couple coupon courage course court cousin coverage cow crack
craft credential credit crew crime criminal crisis critic crop crowd crown culture cup currency curtain
curve customer cycle dashboard database date daughter deadline deal dealer debate debt decade decision
deck declaration default defect defendant deficit definition degree delay delegate delivery demand
democracy demonstration department departure deployment deposit depth deputy description design
designer desk destination detail detective developer device diagram dialogue diamond diary diet
difference difficulty dimension dinner direction director disaster discount discovery discussion disease
dish disk dispute distance distinction district document documentary dollar domain donation door dose
draft drama drawer dream dress drink driver drug duration duty earning economy edge edition editor
education effect effort egg election electricity element elevator email embassy emergency emotion
employee employer encounter endpoint enemy energy engine engineer enterprise entity entrance entry
envelope environment episode equation equipment error escape essay estate estimate evening event
evidence exam examination exception exchange executive exercise exhibition exit expansion expectation
expense experience experiment expert explanation explosion export exposure expression extension factor
factory failure fan farm farmer fault feature fee feedback festival fiction field fight file film filter
finance finding finger firm fix flag flavor fleet flight floor flow flower folder follower font football
forecast forest format formula fortune forum foundation frame framework freedom frequency fridge friend
friendship fruit function fund funding furniture gallery game gap garage garden gate gateway gender gene
generation gift girl glass goal government grade graduate grain grant graph grid grocery group growth
guarantee guard guest guideline guitar habit hair hall handle handler harbor hat hazard header headline
health heart height helicopter helmet highlight highway hill hint history hobby holder holiday home
homework horizon horse hospital host hotel hour household housing human hunter husband hypothesis icon
idea identity illness image impact implementation import improvement incentive incident income increase
index indicator industry infection inflation influence information ingredient initiative injury input
inquiry insight inspection inspector instance institution instruction instrument insurance integration
intention interaction interface interval interview introduction invention inventory investigation
investment investor invitation invoice island issue item jacket job joke journal journalist journey
judge judgment juice jump jury keyboard kid kidney kitchen knee label laboratory ladder lake lamp
landscape lane laptop launch law lawn lawsuit lawyer layer layout leader league lecture ledger leg legacy
lesson letter level library license lid lift limit link lion liquid list literature load loan location
lock log logo loop loss lunch machine magazine mail manager manual manufacturer margin market marketing
marriage mask master match material matter meal meaning measurement meat mechanism media medicine
meeting member membership memo memory mention menu merchant message metal method metric midnight
migration milestone mill mind mineral minister minute mirror mission mistake mixture mode model module
moment monitor month mood motor mountain mouse mouth movement movie mug muscle museum musician mystery
nail narrative nation negotiation neighbor neighborhood nerve network newsletter newspaper night node
noise note notebook notice notification novel number nurse object objective obligation observation
occasion ocean offer office officer official onion opening operation operator opinion opponent
opportunity option orange order organization origin outcome outline output owner package page pain
painting pair palace panel paper paragraph parameter parent park parking participant partner partnership
party passenger passport password patch path patient pattern payment peak peer penalty pencil pension
percentage performance period permission person perspective pet phase phone photo photograph phrase
piano picture pie pilot pipe pipeline pitch plan planet plant plate platform player pocket poem point
policy politician poll pool population port portfolio portion position post poster pot potential pound
powder practice prayer prediction preference premise preparation presentation president pressure price
priest principle printer priority prison prisoner problem procedure process producer product
profession professor profile profit program project promise promotion proof property proposal prospect
protocol provider province pub publication publisher pump purchase purpose puzzle quality quantity
quarter queen query question queue quota quote race radio rail rate rating ratio reader reason receipt
recipe recommendation record recording recovery reference reflection reform refrigerator region register
regulation relation relationship release relief religion report reporter repository request requirement
rescue research researcher reservation resident resolution resource response restaurant result resume
retailer return revenue review revision reward rhythm ride right ring risk river road robot rock role
roof room root rope route routine row rule runner salad salary sale salt sample sandwich satellite
scale scenario scene schedule scheme scholar school science scientist score screen script sea search
season seat second secret secretary section sector segment selection senator sense sensor sentence
sequence series server service session setting settlement shadow shape share sheet shell shelter shift
shirt shoe shop shoulder show signal signature significance sister site situation size skill skin sky
slide slot snapshot soldier solution song source space speaker specialist specification speech speed
spirit sponsor spot spreadsheet square stadium staff stage stake standard star start statement station
statistic status step stock stomach stone storage store storm story strategy stream street strength
stress string structure student studio subject submission subscription substance suburb success suggestion
suit summary summit supplier supply surface surgeon surgery survey suspect symbol symptom system table
tablet tactic tag tail talent target task taste tax taxi tea teacher team teammate technique technology
teenager telephone television temperature template temple tenant tendency tension term terminal
territory test text theater theme theory thread threat threshold ticket timeline tip title toilet token
tone tool topic total tour tourist tournament tower town track trade trader tradition traffic trail
train trainer transaction transcript transfer transition translation trend trial trick trigger trip
trouble truck trust truth tunnel turn tutorial type uncle union unit university update upgrade user
utility vacation valley value variable variation vegetable vehicle vendor venture venue version vessel
veteran video view village violation visa visit visitor voice volume volunteer vote voucher wage wall
wallet warehouse warning warrant waste weakness weapon weather website wedding weekend weight welcome
whistle widget width wife window wine winner winter wire witness word worker workflow workshop writer
yard youth zone
`;

/** Regular verbs: each also appears as -s, -ed and -ing. */
const VERBS = `
accept access accomplish account achieve acknowledge acquire act adapt add address adjust admire adopt
advance advise advocate affect afford aggregate agree aim alert align allocate allow alter amend analyze
announce annoy anticipate apologize appear append apply appoint appreciate approach approve archive argue
arrange arrest arrive ask assemble assert assess assign assist associate assume assure attach attack
attempt attend attract audit authorize automate avoid await bake balance bang bank base bathe behave
belong benchmark block  boil book boost borrow bounce brainstorm brand breathe brief browse brush
budget buffer bump burn cache calculate call calibrate cancel capture care carry cause celebrate
certify challenge change charge chase check cheer chew circle claim clarify classify clean clear click
climb  close coach code collaborate collapse collect combine comment communicate compare compete
compile complain complete comply compose compress compute concentrate conclude conduct confirm conflict
connect consider consist consolidate construct consult consume contact contain continue contract
contribute convert convince cook copy correct count cover crash create credit cross crush cry cultivate
cure curl customize cycle damage dance debate  decide declare decline decorate decrease deduct
defend define delay delegate delete deliver demand demonstrate deny depend deploy deposit derive describe
deserve design desire destroy detect determine develop differ digest direct disagree disappear discover
discuss dislike dismiss display dispute distribute divide document double doubt download draft drain
dress drift dump earn ease educate elect eliminate  emerge emphasize employ enable encounter
encourage end endorse enforce engage enhance enjoy enlist ensure enter entertain  escalate escape
establish estimate evaluate evolve examine exceed exchange excite exclude execute exercise exhibit exist
expand expect experiment expire explain explode explore export expose express extend extract face
facilitate fail fasten favor fear feature fetch file fill filter finalize finish fix float flood flow
focus fold follow force forecast form  forward found frame function gather generate glance govern
 grade graduate grant greet guarantee guard guess guide handle happen harm hate head heal heat help
highlight hire host hunt hurry identify ignore illustrate imagine implement imply import impress improve
include incorporate increase indicate inform inherit initiate inject insert insist inspect install
instruct integrate intend interact interpret interrupt interview introduce invent invest investigate
invite involve iterate join judge jump justify kick kill kiss knock label land last launch laugh lean
learn license lift like limit link list listen load locate lock look love maintain manage mark market
marry match matter measure melt mention merge migrate mind minimize mirror miss mix moderate modify
monitor motivate move multiply name navigate need negotiate nest normalize note notice notify obey
object observe obtain offer open operate optimize order organize outline overlook own pack paint park
parse participate pass paste pause perform persist persuade pick  place plant play please point
polish pollute possess post postpone pour practice praise pray predict prepare present preserve press
pretend prevent print proceed process produce  progress project promise promote prompt
pronounce protect prove provide publish pull pump punch punish purchase push qualify question queue
quote race rain raise rank rate reach react realize receive recognize recommend reconcile record recover
recruit reduce reflect refresh refund refuse regard register regulate reject relate relax release rely
remain remark remind remove render renew rent repair repeat replace reply report represent request
require rescue research reserve  resign resist resolve respect respond rest restore restrict
result retain retire retrieve return reveal review revise reward risk roll rotate rush sail satisfy
save scale schedule score scratch scream screen search secure select  separate serve settle shape
share shock shout sign signal simplify sketch slice smell smile snow solve sort sound spell spill
spoil sponsor spray sprint squeeze stack staff stain stamp stare start state stay steer store streamline
strengthen stress stretch structure struggle study stuff subscribe succeed suffer suggest suit summarize
supervise supply support suppose surprise surround survey survive suspect suspend sustain switch
sync talk target taste teach tease tend terminate test thank threaten tick tie touch tour trace track
trade train transcribe transform translate travel treat trust try tune turn type  unify unlock
update upgrade upload urge use utilize validate value vanish verify view visit visualize vote wait walk
want warm warn wash waste watch water weigh welcome whisper wish wonder work worry yell yield zoom
`;

const split = (s: string) => s.split(/\s+/).filter(Boolean);

/** Nouns in NOUNS without a regular plural (irregular, uncountable, or plural handled in GENERAL). */
const NO_PLURAL = new Set(
  split(`
  chairman child crisis hypothesis mouse wife series staff cargo equipment information furniture advice
  evidence feedback homework research traffic weather health literature electricity knowledge money
  software music luggage chemistry biology economy democracy freedom courage fortune spirit
`),
);

/** Plural of a regular noun. */
export function pluralize(noun: string): string {
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** -s, -ed and -ing forms of a regular verb (callers keep consonant-doubling verbs out of VERBS). */
export function inflectVerb(verb: string): [string, string, string] {
  const third = pluralize(verb);
  let past: string;
  if (verb.endsWith("e")) past = `${verb}d`;
  else if (/[^aeiou]y$/.test(verb)) past = `${verb.slice(0, -1)}ied`;
  else past = `${verb}ed`;
  let ing: string;
  if (verb.endsWith("ie")) ing = `${verb.slice(0, -2)}ying`;
  else if (/[^eoy]e$/.test(verb)) ing = `${verb.slice(0, -1)}ing`;
  else ing = `${verb}ing`;
  return [third, past, ing];
}

function buildVocabulary(): string[] {
  const head = split(HEAD);
  const seen = new Set<string>(head);
  const tail: string[] = [];
  const add = (w: string) => {
    if (!seen.has(w)) {
      seen.add(w);
      tail.push(w);
    }
  };
  for (const w of split(GENERAL)) add(w);
  for (const n of split(NOUNS)) {
    add(n);
    if (!NO_PLURAL.has(n)) add(pluralize(n));
  }
  for (const v of split(VERBS)) {
    add(v);
    for (const f of inflectVerb(v)) add(f);
  }
  // A fixed permutation, so the tail's ranks do not cluster by list or by alphabet.
  new Rng(0x5eed_0001).shuffle(tail);
  return head.concat(tail);
}

/** The ranked vocabulary: index 0 is the most frequent word. */
export const ENGLISH_VOCABULARY: readonly string[] = buildVocabulary();

/** Base-form nouns (singular, at least four letters): what conversations, GPTs and memories are "about". */
export const TOPIC_NOUNS: readonly string[] = split(NOUNS).filter((n) => n.length >= 4);

/** Words that carry topic (rank ≥ 300, length ≥ 5): used for titles, topics and search-friendly terms. */
export const CONTENT_WORDS: readonly string[] = ENGLISH_VOCABULARY.slice(300).filter((w) => w.length >= 5);
