"""English: the complete catalog, and the fallback for every other locale."""

MESSAGES: dict[str, str] = {
    # -- dimension names -------------------------------------------------------------------------
    "dim.speed": "Speed",
    "dim.apology": "Apology",
    "dim.remedy_fit": "Remedy fit",
    "dim.follow_up": "Follow-up",
    "dim.boundaries": "Boundaries",
    "dim.overall": "Overall",
    # -- principles, in plain words --------------------------------------------------------------
    "principle.speed": "Acknowledge the failure at once and resolve it within the time the "
                       "customer expects; small delays go unnoticed, long ones cost more and "
                       "more, and telling a waiting customer what is happening softens the wait.",
    "principle.apology": "A sincere apology takes responsibility and offers to put it right; it "
                         "comes early, after listening, with empathy, and never shifts the "
                         "blame to a colleague, 'the system' or the customer.",
    "principle.remedy_fit": "Give back what was lost, in kind: fix what can be fixed, money for "
                            "money, about the value of the loss (not far less, not far more), "
                            "within your authority, and escalate when the fair remedy is beyond "
                            "it.",
    "principle.follow_up": "Close the loop: tell the customer what will change so it does not "
                           "happen again, check back, log the root cause, and thank them for "
                           "telling you.",
    "principle.boundaries": "With a difficult customer, stay calm and courteous, set a clear "
                            "limit, fix the genuine failure fairly, verify claims without "
                            "accusing, escalate threats, and never buy peace with concessions.",
    # -- speed -------------------------------------------------------------------------------------
    "speed.never_acknowledged": "The failure was never acknowledged: no apology and no approach.",
    "speed.late_acknowledgment": "The failure was acknowledged after {minutes} minutes; the "
                                 "target was {target}.",
    "speed.never_resolved": "Nothing was done that resolves the failure, so the clock never "
                            "stopped.",
    "speed.slow_resolution": "It took {minutes} minutes to resolve; the target was {target}.",
    "speed.slow_decisions": "{count} decision(s) took longer than the {target}-second target.",
    "speed.good": "Acknowledged at minute {ack} and resolved by minute {resolved}, within the "
                  "targets.",
    # -- apology -----------------------------------------------------------------------------------
    "apology.blamed_customer": "Blaming the customer is the worst thing an apology can do.",
    "apology.deflected": "The apology shifted the blame to someone or something else.",
    "apology.none": "There was no apology.",
    "apology.no_responsibility": "The apology never took responsibility, the part that matters "
                                 "most.",
    "apology.late": "The apology came only after the remedy, where it counts for less.",
    "apology.refused": "The customer was told there was no duty to help.",
    "apology.argued": "Contradicting the customer damaged the apology.",
    "apology.interrupted": "The customer was cut off {count} time(s).",
    "apology.did_not_listen_first": "The remedy came before finding out what the customer needed.",
    "apology.no_empathy": "How the customer felt was never acknowledged.",
    "apology.missing_components": "A sincere apology, though it left out: {missing}.",
    "apology.excessive": "Apologising again and again without acting reads as grovelling.",
    "apology.good": "A full, early apology, with empathy, after listening.",
    # -- remedy fit --------------------------------------------------------------------------------
    "remedy.nothing": "No remedy was offered and nothing was escalated.",
    "remedy.too_little": "The remedy was worth about {percent}% of the loss: far too little.",
    "remedy.too_much": "The remedies were worth about {percent}% of the loss: far more than "
                       "fair, which does not buy loyalty.",
    "remedy.not_fixed": "The problem could have been fixed but was only compensated for.",
    "remedy.wrong_kind": "Most of the remedy was of another kind than what was lost.",
    "remedy.delayed": "Most of the remedy was a voucher or credit for later, not a remedy now.",
    "remedy.partial_losses": "Some of what the customer lost was not made good.",
    "remedy.escalated_right": "The fair remedy was beyond your authority and you escalated: right.",
    "remedy.escalated_needless": "You handed over what you could have fixed yourself within your "
                                 "authority.",
    "remedy.over_authority": "You spent {spent} {currency} against an authority of {budget} "
                             "without asking a manager.",
    "remedy.owed_missing": "The customer is owed '{remedy}' and it was left out.",
    "remedy.good": "The remedy matched the loss in kind and value ({percent}%).",
    # -- follow-up ---------------------------------------------------------------------------------
    "follow_up.none": "There was no follow-up at all.",
    "follow_up.missing": "Follow-up left out: {missing}.",
    "follow_up.good": "Prevention, a check-in, a log entry and thanks: the loop is closed.",
    # -- boundaries --------------------------------------------------------------------------------
    "boundaries.calm_limit": "No calm, clear limit was set on the abuse.",
    "boundaries.no_retaliation": "Answering abuse in kind escalates it (overall capped at 30).",
    "boundaries.no_caving": "Giving in to make the abuse stop teaches that abuse pays.",
    "boundaries.escalated_threat": "After a threat, a manager or security should be called.",
    "boundaries.documented": "The incident was not documented.",
    "boundaries.verified": "The claim was not politely verified before acting on it.",
    "boundaries.fair_remedy": "The remedy was not fair to the loss: far more or far less than "
                              "it was worth.",
    "boundaries.explained": "The remedy and its limits were not explained.",
    "boundaries.held_line": "Paying what was demanded, beyond the loss, does not hold a fair line.",
    "boundaries.no_accusation": "Accusing the customer without evidence.",
    "boundaries.limits_held": "The limits were not made clear and held.",
    "boundaries.no_concession": "Conceding more after each 'not enough' teaches that pushing pays.",
    "boundaries.good": "Calm, fair and firm.",
    # -- debrief -----------------------------------------------------------------------------------
    "better.choice": "At \"{beat}\", \"{choice}\" would have raised {dimension} from {before} "
                     "to {after}.",
    "better.offer": "At \"{beat}\", offering {remedies} would have raised {dimension} from "
                    "{before} to {after}.",
    "better.none": "Nothing in this scenario would have done better here.",
    "outcome.retained": "The customer stays.",
    "outcome.lost": "The customer leaves for good.",
    "outcome.left": "The customer walked out without a word.",
    "outcome.tell_good": "They will tell {count} people about how well it was handled.",
    "outcome.tell_bad": "They will tell {count} people about how badly it went.",
    "outcome.tell_none": "They will not talk about it.",
    "outcome.satisfaction": "Satisfaction {value}/100",
    # -- command line ------------------------------------------------------------------------------
    "cli.result": "Result",
    "cli.scenario": "Scenario",
    "cli.transcript": "Transcript",
    "cli.outcome": "Outcome",
    "cli.customer": "Customer",
    "cli.you": "You",
    "cli.offer": "Offer",
    "cli.timeout": "(no answer for {seconds}s)",
    "cli.spent": "Spent {spent} {currency} (authority {budget}); {minutes} in-world minutes",
    # -- terms used inside sentences ---------------------------------------------------------
    "term.responsibility": "responsibility",
    "term.repair": "an offer to put it right",
    "term.regret": "regret",
    "term.explanation": "an explanation",
    "term.repentance": "a promise it won't happen again",
    "term.prevention": "what will change",
    "term.check-in": "a check-in",
    "term.log": "a log entry",
    "term.thanks": "thanks",
    "term.sep": ", ",
}
