// The ConText lexicon, as data: trigger phrases with their type and direction, pseudo-triggers that look like
// triggers but are not (they win over the trigger they contain), and scope terminators. Patterns are regular
// expression sources, matched case-insensitively on word boundaries; they are compiled once, into a single
// alternation, in context.ts. Adding a phrase is a data change only.

export type TriggerType = 'negated' | 'hypothetical' | 'historical' | 'family' | 'uncertain';
/** `inside`: only a concept within the trigger's own span (with the words `reachBack` takes before it). */
export type Direction = 'forward' | 'backward' | 'bidirectional' | 'inside';

export interface TriggerEntry {
  kind: 'trigger';
  type: TriggerType;
  direction: Direction;
  pattern: string;
  /** Historical triggers only: remote history ("remote", "years ago"), as opposed to a prior event ("s/p"). */
  remote?: boolean;
  /** Scope stops at a comma (short-range triggers: "mother", backward "negative"). */
  clause?: boolean;
  /** The trigger's span takes up to this many words before it ("plaque psoriasis vs"): a concept inside a trigger
   * is in its scope, so the words it reaches back over are too, and no further. */
  reachBack?: number;
  /** A heading that governs the rest of its sentence ("If SLN positive: review adjuvant options; nodal
   * surveillance"): no terminator ends its scope. */
  heading?: boolean;
}

export interface PseudoEntry {
  kind: 'pseudo';
  pattern: string;
}

export interface TerminatorEntry {
  kind: 'terminate';
  pattern: string;
  /** Terminates only the scope of these trigger types (default: all). */
  types?: readonly TriggerType[];
}

export type LexiconEntry = TriggerEntry | PseudoEntry | TerminatorEntry;

const neg = (pattern: string, direction: Direction = 'forward', clause = false): TriggerEntry => ({
  kind: 'trigger',
  type: 'negated',
  direction,
  pattern,
  ...(clause ? { clause } : {}),
});
const hyp = (pattern: string, direction: Direction = 'forward'): TriggerEntry => ({
  kind: 'trigger',
  type: 'hypothetical',
  direction,
  pattern,
});
const hist = (pattern: string, remote = false, direction: Direction = 'forward', clause = false): TriggerEntry => ({
  kind: 'trigger',
  type: 'historical',
  direction,
  pattern,
  ...(remote ? { remote } : {}),
  ...(clause ? { clause } : {}),
});
const fam = (pattern: string, direction: Direction = 'forward'): TriggerEntry => ({
  kind: 'trigger',
  type: 'family',
  direction,
  pattern,
});
/** Uncertainty reads the concept right after it: "possible X, Y" leaves Y certain (forward scope ends at a comma). */
const unc = (pattern: string, direction: Direction = 'forward', clause = direction === 'forward'): TriggerEntry => ({
  kind: 'trigger',
  type: 'uncertain',
  direction,
  pattern,
  ...(clause ? { clause } : {}),
});
const pseudo = (pattern: string): PseudoEntry => ({ kind: 'pseudo', pattern });
const term = (pattern: string, types?: readonly TriggerType[]): TerminatorEntry => ({
  kind: 'terminate',
  pattern,
  ...(types ? { types } : {}),
});

/** Order matters only among entries that match at the same position: pseudo-triggers come first. */
export const LEXICON: readonly LexiconEntry[] = [
  // Pseudo-triggers: contain a trigger word but do not negate / hypothesise / historicise.
  pseudo(
    'no (?:significant )?(?:increase|changes?(?! in (?:bowel|bladder|urinary|sensation|strength))|further|improvement|relief|benefit|response|help)',
  ),
  pseudo('not (?:only|necessarily|improved|improving|better|helped|helpful|effective|tolerated|controlled)'),
  pseudo('not certain (?:if|whether)'),
  pseudo('(?:did|does|has) not (?:help|improve|tolerate|respond|work|resolve|change)'),
  pseudo("(?:didn't|doesn't|hasn't|haven't) (?:help|improve|tolerate|respond|work|resolve)"),
  pseudo('without (?:relief|improvement|benefit|response|success|resolution|change)'),
  pseudo('(?:cannot|can not|unable to) (?:take|tolerate|use)'),
  pseudo('gram[- ]negative'),
  pseudo('(?:w\\/o|without|with and without|w\\/ and w\\/o|w\\/wo|with or without) (?:IV )?contrast'),
  pseudo('no evidence of (?:recurrent |recurrence|disease|residual)'),
  // "No PET evidence of nodal disease": what the scan did not show, not a scan that was not done.
  pseudo('no (?:FDG[- ])?(?:PET|PET\\/CT|CT|MRI|imaging|scan|radiographic|metabolic|scintigraphic) evidence of'),
  pseudo(
    '(?:sentinel (?:lymph )?nodes?|SLNB?|lymph nodes?|nodes?|margins?|BRAF|HIV)(?: biopsy)?(?: (?:was|were|is|are))? ?\\(?(?:negative|positive|clear|involved)',
  ),
  pseudo('(?:negative|clear|positive) (?:margins?|nodes?|sentinel)'),
  pseudo('node[- ](?:negative|positive)'),
  pseudo('history of present illness'),
  // A parent giving the patient's treatment ("Mom applied triamcinolone to body") is not another person's history.
  pseudo(
    "(?:(?:his|her|the patient's) )?(?:mother|father|mom|dad|parents?|caregivers?|grandmother|grandfather) (?:has been |had been )?(?:applied|applies|applying|apply|gave|gives|giving|administered|administers|injected|injects)",
  ),
  pseudo('family history (?:is )?(?:non-?contributory|unremarkable|reviewed)'),
  pseudo('if (?:any|needed|necessary|tolerated|indicated)'),
  pseudo('rule out (?:of )?(?:tumor|infection)'),
  pseudo('no longer'),
  // "His mother died from what he calls bone cancer": the patient's way of saying it, inside the relative's history.
  pseudo('(?:what|as) (?:he|she) (?:calls?|called|says|said|describes?|described|believes?|thinks?|recalls?)'),
  // "Topicals/ED&C not favored in irradiated skin": what is not favoured is the treatment, not the skin.
  pseudo('not (?:favou?red|preferred|ideal|advisable|optimal) (?:in|for|on|with)'),
  pseudo(
    '(?:past|last|prior|previous) (?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several|couple(?: of)?) (?:days?|weeks?|wks?|months?|mos?|years?|yrs?)',
  ),
  pseudo('past (?:medical|surgical|family|social) history'),
  // "attended 5 of 8 scheduled visits": the visits counted are the ones that happened.
  pseudo(
    '(?:of|out of) (?:the )?(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:scheduled|planned|prescribed|ordered)',
  ),

  // Negation, forward.
  neg('denies(?: any)?'),
  neg('denied(?: any)?'),
  neg('denying'),
  neg('negative for'),
  neg('neg for'),
  // Templated review of systems: "Neg saddle numbness.", "Neg urinary retention/incontinence."
  neg('neg\\.?(?= [a-z])'),
  neg('without(?: any)?'),
  neg('w/o'),
  neg(
    '(?:is |are |was |were )?not (?:indicated|needed|necessary|warranted|required|appropriate|performed|done|pursued|obtained|recommended|advised|planned|offered)',
    'backward',
    true,
  ),
  neg('never(?: had)?'),
  neg("(?:does not|doesn't|did not|didn't) (?:have|report|endorse|experience|complain of)"),
  neg('not (?:experiencing|reporting|endorsing|having)'),
  // "Has not seen any other provider, chiropractor or PT for this", but not "has not seen any improvement with PT".
  neg(
    "(?:(?:has|have|had) not|hasn't|haven't|hadn't) (?:seen|been seen by|tried|started|attended|consulted|been to)(?! (?:any |much )?(?:improvement|relief|benefit|change|results?|progress|response|difference))",
  ),
  neg('neither'),
  neg('nor'),
  neg('unremarkable for'),
  neg('absence of'),
  neg('free of'),
  neg('resolution of'),
  neg('no evidence of'),
  // "nothing on her history or examination that would lead me to recommend an epidural injection".
  neg(
    'nothing (?:on|in|about) (?:[\\w/]+ ){1,6}(?:that |which )?would (?:lead (?:me|us) to )?(?:recommend|suggest|warrant|support)',
  ),
  neg('no signs? of'),
  neg('(?:personal or family|family or personal) history of'),
  neg('no history of'),
  neg('no h/o'),
  neg('no hx of'),
  neg('no complaints? of'),
  neg('no(?: known| prior| previous| other| new| recent| focal| current)?'),
  neg('ruled out for'),
  // "ED ruled out CES", "cauda equina was ruled out": excluded by work-up.
  neg('(?:has been |have been |was |were )?(?:ruled out|excluded)(?= (?!by\\b|with\\b|on\\b|per\\b)[A-Za-z])'),
  { ...neg('(?:has been |have been |was |were |is |are )?(?:ruled out|excluded)', 'backward'), clause: true },
  neg('(?:is|was|are|were) ruled out', 'backward', true),
  neg('(?:has|have) been ruled out', 'backward', true),
  // "[Adalimumab on med list was mother's medication entered in error during intake - removed.]": never the patient's.
  neg('(?:was |were )?(?:entered|listed|charted|documented) (?:in error|erroneously)', 'backward'),
  neg('(?:was|were|is|are) (?:negative|absent|normal|not present|unremarkable)', 'backward', true),
  neg('(?:is|are|was|were) not (?:seen|identified|present)|not (?:seen|identified)', 'backward', true),
  // "Differentiation, depth of invasion and perineural status not assessed": a feature the specimen could not show is
  // unknown, not absent (listed before "not", which would otherwise take the word as a negation).
  unc('(?:is |are |was |were )?not (?:assessed|evaluated|determined|assessable|evaluable)', 'backward', false),
  // "Sclerosing BCC not suspected clinically but not excluded", before the bare "not" that would read forward.
  // "TCI-naive; biologic-naive": never given the drug named before it.
  neg('\\-na[iï]ve\\b', 'backward', true),
  neg('(?:is |are |was |were )?not (?:suspected|favou?red)', 'backward', true),
  unc('not (?:excluded|ruled out)', 'backward'),
  unc('not (?:sure|known) (?:whether|if|which|what)'),
  // After every longer phrase that starts with it: an alternation takes the first entry that matches.
  // "Has not yet trialed a TCI": "yet" ends a scope elsewhere ("…, yet still itchy"), not this one.
  neg('not yet (?:tried|trialed|trialled|used|started|taken|filled|had|undergone|been (?:tried|started|treated|on))'),
  // "Rinvoq NOT prescribed.", "methotrexate was never started (due to …)": a drug the clause ends by saying was not
  // given.
  neg(
    '(?:was |were |is |has been )?(?:not|never) (?:prescribed|started|given|initiated|dispensed|filled|ordered)(?=\\s*(?:[.;,]|$)| (?:due to|because|given|since|per|as)\\b)',
    'backward',
    true,
  ),
  neg('not'),
  neg('(?:absent|negative|none)', 'backward', true),
  neg('(?:intact|symmetric(?:al)?|normal)', 'backward', true),
  neg('\\(-\\)', 'backward', true),
  // A medication list's own mark: "triamcinolone 0.1% oint [not taking]".
  neg('\\[\\s*(?:not taking|not using|never (?:filled|started|taken|used))\\s*\\]', 'backward', true),
  // A template answer after a dash or colon: "Saddle numbness - denies.", "Cauda equina considered - not suspected:
  // …", "Ruxolitinib cream: never prescribed.".
  neg(
    '\\s?(?:(?<=\\s)[-–—]|:)\\s*(?:denies|denied|none|absent|negative|not (?:suspected|likely|present|found|seen)|(?:not|never) (?:tried|used|taken|started|given|prescribed|filled|dispensed))(?=\\s*(?:[.;:,(]|$))',
    'backward',
    true,
  ),

  // Hypothetical: return precautions, conditionals, plans to consider.
  hyp(
    '(?:return|RTC|come back|f/u|follow[- ]?up|go to (?:the )?(?:ED|ER)) (?:to (?:the )?(?:ED|ER|emergency (?:department|room)|clinic) )?(?:in (?:\\d+|one|two|three|four|five|six|eight)(?:-\\d+)? (?:days?|weeks?|wks?|months?|mos?) )?(?:immediately |promptly |sooner |earlier |right away |prn |asap )?(?:if|for|should|with)',
  ),
  hyp('seek (?:immediate |urgent |emergency )?(?:care|medical attention|evaluation) (?:if|for|should)'),
  // "RTC 6-8 wk; sooner for weakness, bowel/bladder changes": the precaution after its own semicolon.
  hyp(
    '(?:sooner|earlier|prn)(?: (?:re-?evaluation|re-?assessment|follow-?up|visit|return|recheck|review))? (?:for|if|with|should)',
  ),
  hyp('call (?:the office |us |911 )?(?:if|for|should)'),
  hyp('if (?:symptoms|pain|sx) (?:worsen|persist|progress|recur)'),
  hyp('(?:prior to|before) (?:starting |initiating |beginning )?'),
  // "Taper fluocinonide once dupilumab effect seen": what waits for an event that has not happened.
  hyp(
    'once(?! (?:daily|a (?:day|week|month)|weekly|monthly|nightly|every|per|more|again|or twice|before|already)\\b)(?= (?:the |her |his )?\\w+)',
    'forward',
  ),
  hyp('in case of'),
  hyp('in the event (?:of|that)'),
  hyp('(?:watch|monitor|look out) for'),
  hyp('warning signs?(?: of| such as| include)?'),
  hyp('(?:to (?:the )?)?(?:ED|ER|emergency room|911|urgent care) (?:for|if|with)'),
  hyp('next (?:week|month|visit|cycle|appointment)', 'bidirectional'),
  hyp('starting(?! dose)'),
  // "Cauda equina precautions.": the syndrome named is what to return for, not what he has.
  {
    ...hyp(
      'precautions?(?: (?:were |was )?(?:reviewed|given|discussed|provided|explained|reinforced))?(?=\\s*(?:[.;]|$))',
      'backward',
    ),
    clause: true,
  },
  hyp(
    '(?:return |ED |ER |strict |red flag )?precautions?(?: (?:were )?(?:reviewed|given|discussed|provided))?(?: (?:for|regarding|re|including)|\\s*[:(-])|(?:return |ED |ER |strict |red flag )precautions? (?:were )?(?:reviewed|given|discussed|provided)',
  ),
  hyp('red flag (?:symptoms|precautions) (?:reviewed|discussed)'),
  hyp('should (?:\\w+ ){0,4}(?:develop|occur|arise|worsen|return)', 'backward'),
  { ...hyp('if [^.:;\\n]{1,60}:'), heading: true },
  // "Alternative: nodal basin US surveillance q3-4 mo", "Options: ESI vs surgical referral": what a label offers.
  { ...hyp('(?:other |treatment |alternative )?(?:alternatives?|options?)\\s*:'), heading: true },
  hyp('if'),
  hyp('will'),
  // "CLL would make her immunocompromised": a condition weighed for what it would mean, not one she is known to have.
  { ...hyp('(?:would|could|might) (?:make|render|qualify|count as|mean|put)\\b', 'bidirectional'), clause: true },
  hyp('(?:start|begin|initiate)'),
  // "ordered a baseline PET/CT": the study after it is asked for, not done (before the backward reading of the word).
  hyp(
    '(?:order(?:ed|s)?|request(?:ed|s)?|schedul(?:e|ed)|obtain) (?:a |an )?(?=(?:[\\w-]+ ){0,3}(?:MRI|PET|CT|x-?ray|imaging|scan))',
  ),
  // ("planned to switch him to Dupixent" plans what follows: the forward "plan(s|ned) to|for" below reads it.)
  hyp('(?:requested|ordered|planned(?! (?:to|for)\\b)|scheduled|to be (?:scheduled|obtained|performed))', 'backward'),
  // "clinical stage III (cT4b cN1b, M pending)": what is pending is the item before it in its list, not the stage.
  { ...hyp('pending', 'backward'), clause: true },
  hyp('unless'),
  // "Continue triamcinolone until response, then taper": the response is the goal, not what happened.
  hyp('until (?:a |an |good |adequate |full )?(?:response|improve\\w*|clear\\w*|controlled|resolution|resolved)'),
  // "Nodal ultrasound surveillance discussed as an alternative": an option weighed, not one taken.
  hyp('(?:discussed|offered|considered|mentioned|reviewed) as (?:an? )?(?:alternative|option)', 'backward'),
  hyp('as an alternative'),
  // "he read online that back pain can be a sign of cancer": a general statement, not this patient's finding.
  hyp('(?:can|could|may|might) be (?:a )?(?:sign|symptom|cause)s? of'),
  // "Acitretin was also discussed and declined": an option the visit weighed, not a course taken.
  hyp('(?:was|were) (?:also )?(?:discussed|offered|recommended|suggested|proposed)', 'backward'),
  // "Insurance usually requires topical steroid AND a non-steroid topical (tacrolimus / pimecrolimus)": a payer's rule.
  hyp(
    '(?:insurance|the plan|his plan|her plan|payers?|the payer|the policy) (?:usually |typically |often |generally |will )?(?:requires?|needs?|wants?|asks? for|expects?)',
  ),
  // "Reassess after at least 8 weeks of tacrolimus": the length of a trial still to come.
  hyp('(?:reassess|re-?evaluate|re-?check|judge (?:it|response))(?:ment)? (?:after|in|at)'),
  // "Add tacrolimus 0.1% ointment BID to the folds": a drug the plan adds is started, not yet taken.
  hyp('(?:add|adding)(?= [a-z])'),
  // "A 12-week trial of NB-UVB or methotrexate would be the usual next step": an option named, not a course taken.
  hyp(
    '(?:would|will|is|are) (?:be )?(?:the |a |an )?(?:(?:usual|standard|reasonable|appropriate|logical|recommended|preferred) )?(?:(?:next|first) )?(?:step|option|choice|approach)\\b',
    'backward',
  ),
  // "Chronic lymphocytic leukemia is associated with more aggressive cutaneous SCC": a statement about a disease.
  {
    ...hyp('(?:is|are) (?:often |commonly |frequently |strongly |well )?(?:associated|linked) with', 'backward'),
    clause: true,
  },
  // "Medulloblastoma can also occur in basal cell nevus (Gorlin) syndrome": what a disease may go with, not this patient.
  hyp('(?:can|could|may|might) (?:also )?(?:occur|arise|be seen|present) (?:in|with)'),
  // "Sent for permanent sections with request for assessment of depth and perineural invasion": asked, not found.
  hyp('request(?:ed|s)? for (?:assessment|evaluation) (?:of|for)'),
  // "Germline testing for Gorlin syndrome", "work-up to rule out CLL": what a test looks for is not yet found.
  hyp('(?:testing|tests?|panel|work-?up|screening) (?:for|to (?:rule out|evaluate|exclude|assess for|look for))'),
  // 'keeps reading about "back pain as a sign of cancer"': what the patient read is not what the record finds.
  hyp('(?:as|being) (?:a |an )?(?:possible |potential |early |warning )?(?:sign|symptom|cause)s? of'),
  hyp('(?:reading|read|heard|hearing|googled|looked up|saw) (?:\\w+ ){0,3}?(?:about|online|that)'),
  // "Prior radiation and immunosuppression are recognized modifiers in the AUC": what the criteria say, not the patient.
  hyp(
    '(?:is|are) (?:both |each )?(?:an? )?(?:recognized|accepted|established|well-known|known|listed) (?:AUC |appropriate use )?(?:modifiers?|indications?|risk factors?|criteria|exceptions?)',
    'backward',
  ),
  // "NCCN Guidelines support baseline imaging … for patients with clinical stage III melanoma": a rule about a group.
  hyp('(?:in|for) (?:[\\w-]+ ){0,2}patients (?:with|who)'),
  // What the patient fears is not what the record finds: "worried it could be cancer".
  hyp(
    '(?:concerned|worried|afraid|anxious|scared|fearful) (?:about|that|it (?:is|could be|might be|may be)|of|re:?|regarding|over)',
  ),
  // "Reassurance regarding her concern about cancer": a worry voiced, and answered, is not a finding.
  hyp('(?:concerns?|fears?|worry|worries) (?:about|regarding|over|of|re:?)'),
  // "Long discussion re TCS safety; potency classes": what a visit talks over is not a course taken.
  hyp('(?:(?:long|lengthy|extensive|detailed) )?discussion (?:re:?|regarding|about|of|on)'),
  // "Mohs is reserved for the face, hands, recurrent, aggressive or large tumors": a rule, not this patient.
  hyp('(?:is |are )?(?:generally |usually |typically )?reserved for'),
  // Consent: "risks including bleeding, infection, scarring, recurrence" are what may happen, not what did.
  hyp(
    'risks?(?:,? benefits)?(?:,? and alternatives)? (?:including|include|of|such as|(?:were )?(?:discussed|reviewed)(?: including)?|\\((?=[^)]*\\b(?:bleeding|infection|scar\\w*|bruising|nerve|recurrence)\\b))',
  ),
  // "Saw an ad for Dupixent", "she strongly prefers dupilumab", "submit a prior authorization request for
  // dupilumab": a drug seen, wanted or asked of the payer is not one taken.
  hyp(
    '(?:saw|seen|watched) (?:an? |the )?(?:ad|advert(?:isement)?|commercial|TV spot)s? (?:for|about)|(?:read|heard) (?:an? (?:article|post) )?about',
  ),
  hyp('(?:strongly |really )?(?:prefers|preferring|would prefer)(?! to avoid)'),
  hyp(
    '(?:submit|submitting|send|sending|file|filing)(?: an?| the)? (?:prior[- ]auth(?:ori[sz]ation)?|PA)(?: request)? (?:for|to)|(?:prior[- ]auth(?:ori[sz]ation)?|PA) request (?:for|to)',
  ),
  // "He saw an ad for Humira and asks to start it": what the patient asks for is not yet taken.
  hyp(
    '(?:asks?|asking|asked|requests?|requesting|wants?|wanting|hoping) (?:(?:me|us|you|the (?:provider|clinician|doctor)) )?(?:to (?:start|try|begin|get|switch to|prescribe|order|discuss)|about)',
    'bidirectional',
  ),
  hyp(
    '(?:will|would|may|might|could) (?:consider|discuss|need|require|benefit from|plan|start|begin|obtain|order|refer|try|proceed)',
  ),
  hyp('consider(?:ing|ation of)?'),
  // "Mometasone ointment may be used for flares up to 2 weeks at a time": an instruction for later, not a course.
  hyp('(?:may|can|could|should|is to|are to) be (?:used|applied|taken|resumed)', 'bidirectional'),
  // "Meanwhile restart mometasone daily": a course to begin again is not yet taken.
  hyp('(?:re-?start|restarting|resume|resuming)(?= (?:the |her |his )?[a-z])'),
  // "Must use tacrolimus consistently at least 6 weeks before we judge it": an instruction, not a course.
  hyp('(?:must|needs? to|has to|should) (?:\\w+ )?(?:use|apply|continue|stay on|remain on|take)'),
  // "Recommend a TCI trial", and "TCI trial recommended first": advice either way round.
  hyp('recommend(?:ed|s)?(?: (?:a|an|starting|trial of))?', 'bidirectional'),
  hyp('plan(?:s|ned)? (?:to|for)'),
  hyp('to (?:start|begin|try|initiate)'),
  hyp('discussed (?:starting|options? (?:of|for|including))'),
  // "Discussed dupilumab: mechanism, injections, conjunctivitis", "we discussed nodal observation as an alternative":
  // what a visit teaches or weighs is no course taken ("discussed with Dr X" reports who was consulted).
  hyp('(?:discussed|counsell?ed (?:on|about|re:?)|educated (?:on|about))(?! with\\b| w/)'),
  // "Asked if any new weakness/bowel/bladder: pt says no": what a caller is asked states nothing (the answer may).
  hyp(
    '(?:asked|asks|asking|queried) (?:(?:him|her|them|the patient|pt|patient) )?(?:(?:directly|specifically|again) )?(?:if|whether|about)',
  ),
  // An intake question ("have you ever had an organ transplant") asks; it states nothing.
  hyp(
    '(?:have|has|did|do|does|are|were) (?:you|she|he|they|the patient|pt) (?:ever )?(?=(?:had|been|taken|received|used|had an?|undergone)\\b)',
  ),
  // "Talked about referral to spine surgeon vs pain management": what a visit talks over is not yet decided.
  hyp('(?:talked|spoke|spoken|chatted) (?:with (?:him|her|them|the patient|pt) )?(?:about|re:?|regarding|over)'),
  hyp('proceed (?:toward|towards|with|to)'),
  // "Also mentioned tacrolimus as a steroid-sparing option", "requesting a medical exception to the TCI step".
  hyp('(?:mentioned|offered|suggested|proposed)(?! that\\b| to me\\b)'),
  hyp('requesting'),
  // "appeal the 08/20/2025 denial of secukinumab", "after the Skyrizi denial": a drug asked for and refused by the
  // plan is no course the patient took.
  hyp(
    '(?:denial|appeal|prior auth(?:orization)?|pre-?cert(?:ification)?|authorization|PA)(?: request| letter)? (?:of|for)',
  ),
  { ...hyp('denial', 'inside'), reachBack: 2 },
  // "Discussed options: NB-UVB, methotrexate, apremilast, or a biologic": a list of choices, none taken yet.
  hyp('(?:discussed|reviewed) (?:treatment |therapeutic )?options?\\s*[:(-]|options? (?:discussed|reviewed)\\s*[:(-]'),
  hyp('refer(?:ral)?(?: to| for)?'),
  hyp('candidate for'),
  hyp('prior auth(?:orization)? (?:for|request)'),

  // Historical.
  hist('history of'),
  hist('hx(?: of)?'),
  hist('h/o'),
  hist('s/p', false, 'forward', true),
  hist('status post', false, 'forward', true),
  hist('prior'),
  hist('previous(?:ly)?'),
  hist('past'),
  hist('former(?:ly)?'),
  hist('ex-'),
  hist('remote(?: history of)?', true),
  hist('distant history of', true),
  hist('as a (?:child|teenager|teen|young adult)', true, 'bidirectional'),
  hist('in (?:childhood|his youth|her youth|the (?:remote )?past)', true, 'bidirectional'),
  hist('(?:(?:\\d+|many|several) years|a long time|long) ago', true, 'bidirectional'),
  // "Plaque psoriasis with scalp involvement - carried forward from problem list": the list's word, not today's exam.
  hist(
    '(?:carried|copied|brought|pulled) (?:forward|over)(?: from (?:the )?(?:problem list|prior (?:note|visit)s?|last (?:note|visit)))?|per (?:the )?(?:old )?problem list',
    false,
    'bidirectional',
    true,
  ),
  // "tried several steroid creams and Protopic over the years": some time in the past, not datable to a recent trial.
  hist('over the (?:past |last )?(?:several |many )?(?:years|decades)', true, 'bidirectional', true),
  hist('(?:excised|resected|removed|treated)(?: in)? (?:\\d{1,2}/)?(?:19|20)\\d{2}', false, 'backward'),
  // "That episode was treated with eight weeks of PT, and it resolved by July 2024": an earlier episode's care.
  hist(
    '(?:that|the (?:prior|previous|earlier|last|first|(?:19|20)\\d{2})) (?:episode|flare)(?! (?:began|started))',
    true,
  ),

  // "The problem list says long term steroid use, that is not correct": an entry the clinician corrects.
  neg(
    '(?:that|this|which|it) (?:is|was) (?:not correct|incorrect|wrong|inaccurate|an error|in error|erroneous)',
    'backward',
  ),
  // "09/10/2025 FDG PET/CT … CANCELLED, order cancelled 09/12/2025": a study called off was never done.
  neg('(?:was |were )?cancell?ed', 'backward'),
  // "the surveillance PET pencilled in for July 2026 never happened", "was postponed": a study put off was not done.
  neg('(?:never (?:happened|took place|got done|was done|occurred)|(?:was |were |got )?postponed)', 'backward'),
  // "Flexural eczema as a young child (elbows/knees)": a childhood picture, not today's.
  hist(
    'as an? (?:young |small |little )?(?:child|kid|infant|baby|toddler|teen(?:ager)?)|in (?:early )?childhood',
    true,
    'bidirectional',
    true,
  ),
  // "(the left EHL weakness noted in March has resolved)": a finding that was, and is no more.
  hist('(?:has|have|had) (?:since |now |completely |fully )?resolved', false, 'backward', true),
  // Experiencer: another person.
  fam('family history(?: of)?'),
  fam('family hx(?: of)?'),
  // "given family cancer history": the disease named inside the phrase is a relative's.
  fam('family (?:[\\w-]+ ){1,2}(?:history|hx)'),
  fam('FHx?:?'),
  fam('fam hx'),
  fam(
    "(?:(?:his|her|patient's|pt's|the) )?(?:maternal |paternal )?(?:mother|father|mom|dad|sister|brother|sibling|aunt|uncle|grandmother|grandfather|grandparent|cousin|son|daughter|parent|niece|nephew|MGM|MGF|PGM|PGF)s?(?: (?:had|has|with|died of|died from|passed away (?:in \\d{4} )?(?:of|from)|was diagnosed with|diagnosed with))?",
  ),
  // Other people only with a verb ("wife has covid"); "intimate partner abuse" is the patient's own.
  fam(
    '(?:(?:his|her|my|a) )?(?:[\\w-]+ )?(?:wife|husband|spouse|partner|roommate|friend|co-?worker|neighbou?r|colleague|boss)s?(?: of (?:mine|his|hers|ours))? (?:had|has|with|died of|(?:was |were )?(?:recently |newly |just )?diagnosed with|(?:is|was) (?:currently |now )?(?:on|receiving|undergoing|getting|being treated|an? )|takes|took|uses|used|got|(?:was )?treated|finished|completed|tested)',
  ),
  // "Cancer concern relates to family history": what came before is a relative's.
  fam(
    '(?:relates?|related|refers?|referring|is due) to (?:her |his |the |a )?(?:family history|fam(?:ily)? hx|FHx)',
    'backward',
  ),
  // "Stelara is her mother's medication": the drug before it is the relative's.
  fam(
    "(?:is|was|are|were) (?:his|her|their|the patient's) (?:mother|father|mom|dad|sister|brother|son|daughter|wife|husband|spouse|partner|friend)'s",
    'backward',
  ),
  // "We reviewed methotrexate, apremilast and biologics": options talked over, not courses taken ("I reviewed the Mohs
  // op note" is a record read).
  hyp(
    '(?:we|I) (?:reviewed|went over|talked about|talked through)(?! (?:the |her |his |an? )?(?:[\\w/-]+ ){0,3}?(?:records?|chart|imaging|MRI|labs?|notes?|reports?|history|path(?:ology)?)\\b| (?:what|which|how|when|prior|previous|past)\\b)',
  ),
  // "I would also like her to restart the Protopic": what the clinician wants done next.
  hyp("(?:would|'d) (?:also )?like (?:her|him|them|the patient|you|us) to"),
  // "For comparison, Arthur today: BSA ~15%": another person's figures, set beside the patient's.
  fam(
    'for comparison,? (?=(?:(?:his|her) (?:husband|wife|spouse|partner|son|daughter|mother|father|brother|sister)|(?!(?:Prior|Previous|Last|The|Baseline|Today|In|On|At|Her|His|Our|MRI|CT|PET)\\b)[A-Z][a-z]+)\\b)',
  ),
  // "Since wife Margit passed (03/2024, metastatic breast cancer)": what another person died of.
  fam('(?:wife|husband|spouse|partner)(?: [A-Z][a-z]+)? (?:passed(?: away)?|died|deceased)'),
  // "A first-degree relative has responded very well to ixekizumab".
  fam("(?:(?:a|his|her|the patient's) )?(?:first|second)[- ]degree relatives?(?: (?:has|had|with|is|was|on))?"),
  fam(
    "in (?:his|her|the patient's) (?:mother|father|sister|brother|aunt|uncle|grandmother|grandfather|son|daughter)",
    'backward',
  ),

  // Uncertainty.
  unc('possible'),
  unc('(?:maybe|perhaps)'),
  // What the patient believes another doctor said: "pt thinks they said early melanoma".
  unc(
    '(?:thinks?|thought|believes?|believed) (?:that )?(?:(?:they|it|he|she|the doctors?|someone) (?:said|told (?:him|her|them)|was|were|is|had) )?',
  ),
  // "per patient, 'methotrexate, I think'": a trailing "I think" doubts what it follows, in its clause.
  unc('(?:I|she|he|they|pt|patient) (?:think|thinks|believes?)(?=\\s*["”)]|\\s*[,;.]|\\s*$)', 'backward', true),
  unc('(?:may|might|could) (?:well |also |possibly |equally |still )?(?:be|have|represent|reflect|show|reveal|prove)'),
  // "A CK20 dot-positive pattern would support Merkel cell": what a result would mean, not what it showed.
  hyp('would (?:support|suggest|favou?r|point to|indicate|confirm|mean|make)'),
  // "Clinically most consistent with Merkel cell carcinoma": a clinical impression awaiting its pathology.
  unc('clinically (?:most |more |highly )?(?:consistent with|suggestive of|suspicious for)'),
  // "…, but the diagnosis is not yet established": the whole sentence waits for it.
  {
    ...unc('(?:the )?diagnosis (?:is|was|has) not (?:yet )?(?:been )?(?:established|confirmed|made|final)', 'backward'),
    clause: false,
  },
  unc('question of'),
  unc('(?:the |a )?possibility of'),
  unc('presum(?:ed|ptive|ably)'),
  // "He recalls a weekly pill that required blood tests - this sounds like methotrexate": an identification guessed.
  unc('(?:this |that |it )?(?:sounds|seems|looks) like'),
  unc('equivocal'),
  unc('indeterminate'),
  unc('possibly'),
  unc('potentially(?= (?:high|low)[- ]risk\\b)'),
  // "Discitis less likely", "malignancy unlikely": a diagnosis held improbable is not established.
  unc('(?:is |are |seems |felt )?(?:less likely|unlikely|doubtful|not likely)', 'backward', true),
  // "details of depth/perineural invasion unknown until report received": a feature whose status is not known.
  {
    ...unc(
      '(?:is |are |remains? |still )?(?:unknown|not (?:yet )?known)(?= until| pending| at (?:this|the present) time| at present| as yet| so far|\\s*[;,.)]|$)',
    ),
    reachBack: 3,
  },
  // "details of tumor (depth, differentiation, perineural invasion, margin status) unknown at this time": every
  // feature the brackets list is unknown.
  unc('\\([^()]{1,160}\\)\\s*(?:is |are |remains? |still )?(?:unknown|not (?:yet )?known)', 'inside', false),
  unc('probable'),
  unc('likely'),
  // "infiltrative component suspected": a trailing "suspected" reaches the few words before it.
  { ...unc('suspected(?=\\s*(?:[;,.)]|$))'), reachBack: 3 },
  unc('suspect(?:ed|s)?'),
  unc('suspicious for'),
  // "Low suspicion for vertebral osteomyelitis", "high index of suspicion for cauda equina": a suspicion of any degree
  // raises the diagnosis without making it (spine.ts keeps the firm ones as the red-flag indication).
  unc('(?:(?:low|some|moderate|high|strong|significant|clinical) )?(?:index of )?suspicion (?:for|of)'),
  // "Clinical concern is HIGH for Merkel cell carcinoma", "suspicion remains high for": the degree is said between.
  unc(
    '(?:concern(?:ing)?|suspicion)(?: (?:is|was|remains) (?:very |quite )?(?:high|moderate|low|significant|strong))? for',
  ),
  unc('questionable'),
  unc('(?:to )?(?:evaluate|assess|look|screen|work up) for'),
  // "flow cytometry (CLL panel) sent", "hepatitis B serology": a disease that names a test is what the test looks for.
  {
    ...unc('(?:panel|screen|work-?up|serology|serologies|titers?|PCR|assay|markers?)\\b', 'inside', false),
    reachBack: 2,
  },
  unc('rule out'),
  unc('to exclude'),
  unc('r/o'),
  // "plaque psoriasis vs nummular dermatitis", "SCC vs hypertrophic AK": both sides of a differential are uncertain.
  // The trigger's own span takes up to three words before it (a concept inside a trigger is in its scope), so the
  // left side is the alternative itself, not the whole sentence ("PET/CT for … T-VEC vs systemic therapy").
  { ...unc('vs\\.?|versus'), reachBack: 3 },
  unc('differential (?:diagnosis )?(?:still )?includes', 'forward', false),
  // "Cannot call this nodal disease until FNA is back": the clinician withholds the diagnosis.
  unc(
    "(?:cannot|can ?not|can't|won't|will not|not ready to|unable to) (?:yet )?call (?:this|it|that|these|them)(?: an?)?",
  ),
  // "DDx: Merkel cell carcinoma (favored), amelanotic melanoma, cutaneous lymphoma": the whole list is uncertain.
  unc('(?:ddx|d\\/dx|differential(?: diagnosis| dx)?)(?:\\s*(?::|-|includes)|(?= [A-Za-z]))', 'forward', false),
  // "Basal cell nevus syndrome considered given mother's BCCs": a diagnosis weighed, not made.
  unc(
    '(?:was |were )?considered(?= (?:given|because|due to|in view of|in light of|but|and (?:not|felt|deemed))\\b|\\s*[,;:(–—-])',
    'backward',
    true,
  ),
  unc('cannot (?:be )?(?:excluded|ruled out)', 'backward'),
  // A feature the specimen could not show: "depth and perineural invasion cannot be assessed" is unknown, not absent.
  unc(
    "(?:cannot|can ?not|could not|couldn't|unable to) be (?:assessed|evaluated|determined|judged|confirmed(?: or excluded)?|verified)",
    'backward',
    false,
  ),
  unc('(?:unable to|cannot|could not) (?:assess|evaluate|determine)'),
  // ("cant exclude nodal disease": typed without its apostrophe.)
  unc("(?:cannot|can ?not|can'?t|unable to) (?:exclude|rule out)"),
  // The patient or the record does not know which it was: "cannot say whether it was melanoma or the regular kind".
  unc(
    "(?:cannot|can ?not|can't|could not|couldn't|unable to|does not|doesn't|did not|didn't) (?:say|recall|remember|tell|know)(?: (?:whether|if|which|what))?",
  ),
  unc('(?:not sure|unsure|uncertain|unclear|unknown|not known|no one knows)(?: (?:whether|if|which|what))'),
  unc('whether (?:it|this|that) (?:was|is)'),
  // A request to establish it: "please … confirm current immunosuppressive therapy", "to verify whether she is on MTX".
  unc(
    "(?:please |pls |to |kindly )?(?:confirm|verify|clarify) (?:the |her |his |their |(?:the )?(?:pt|patient)'?s )?(?:current|present|whether|if)",
  ),
  // A fact the record itself calls unconfirmed: "possible, unconfirmed history of breast cancer", "cancer (unverified)".
  unc('(?:unconfirmed|unverified|not (?:yet )?(?:confirmed|verified))', 'bidirectional', true),
  unc('(?:uncertain|unclear|undetermined|equivocal|indeterminate)'),
  unc('(?:is|are) (?:possible|suspected|likely|unlikely)', 'backward', true),
  unc('unlikely', 'backward', true),
  unc('\\?', 'bidirectional', true),

  // Terminators.
  term('but'),
  term('however'),
  term('although'),
  term('though'),
  term('except(?: for)?'),
  term('aside from'),
  term('apart from'),
  term('whereas'),
  term('which'),
  term('yet'),
  term(';'),
  // "Neg for fever, +rash" ends a denial; "Mom has psoriasis + PsA, on Humira" joins what a relative has.
  term('\\+(?= ?[A-Za-z])', ['negated', 'hypothetical', 'uncertain', 'historical']),
  term('positive for'),
  term('(?:reports|reported|endorses|endorsed|complains of|c/o|notes|noted|admits to|presents with)'),
  // The patient named again ends another person's scope, but not "per pt" (who told it) nor "the patient's wife's".
  term(
    "(?<!\\bper )(?:patient|pt)(?! \\w+ history)(?!'s (?:late |former )?(?:wife|husband|spouse|partner|son|daughter|mother|father|brother|sister|child|children|grandson|granddaughter))",
    ['family'],
  ),
  // "she is not a candidate at this time, and she would not want an injection": a new clause with its own subject
  // and verb ends the negation before it.
  term(
    '(?:and|so) (?:she|he|they|the patient|pt)(?= (?:would|will|does|did|is|was|has|had|wants|declines|refuses|prefers)\\b)',
    ['negated'],
  ),
  term('(?:he|she|himself|herself)', ['family']),
  // "… unlikely to change mgmt now that sx resolved": the reason given is a fact, whatever came before it.
  term('(?:now that|given that|since|because)', ['hypothetical']),
  // "High suspicion for cauda equina given new saddle anesthesia": the grounds of a suspicion are findings.
  term('(?:given|because of|due to|in view of|in light of)', ['uncertain']),
  term('(?:today|currently|now)', ['historical']),
  // "s/p L4-5 microdiscectomy with new and progressive L5 radiculopathy": what is new is not the history before it.
  term('new(?: onset)?(?= and| [a-z])', ['historical']),
];
