/* mail-ptr-unverifiable — see docs/rules/mail-ptr-unverifiable.md. */
#include "check.h"

/* SPEC §5 step 5: the reverse zone is loaded, but the address's name
 * there is an RFC 2317 CNAME into a zone that is not. */
static bool reverse_cname_leaves(struct check_ctx *ctx, const struct mail_address *a,
				 const struct finding_spec *spec)
{
	struct reverse_fix fix;
	reverse_fix_find(&fix, ctx->ix, &a->addr);
	if (fix.kind != REVERSE_FIX_CHILD_UNLOADED)
		return false;
	struct strbuf why = STRBUF_INIT, advice = STRBUF_INIT;
	reverse_fix_text(&why, &advice, ctx->ix, &fix, "");
	report(ctx, spec, "%s address %s, whose PTR cannot be checked%s; %s",
	       mail_subject_has(ctx, a), addr_str(&a->addr), why.data, advice.data);
	strbuf_release(&why);
	strbuf_release(&advice);
	return true;
}

static void check(struct check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		if (a->eval.result != IPREV_UNVERIFIABLE)
			continue;
		struct finding_spec spec = {.iprev = IPREV_UNVERIFIABLE};
		mail_finding_location(ctx, a, &spec);
		uint32_t incomplete = a->eval.incomplete_zone;
		if (incomplete != NO_ZONE && !a->eval.nptrs)
			report(ctx, &spec,
			       "%s address %s and zone %s holds no PTR for it, but an $INCLUDE "
			       "of that zone was not read, so the PTR may be there; fix the $INCLUDE "
			       "(its zone-syntax finding says why it failed)",
			       mail_subject_has(ctx, a), addr_str(&a->addr), zone_str(ctx, incomplete));
		else if (incomplete != NO_ZONE) {
			/* the first PTR target in that zone */
			name_id target = ctx->ix->records[a->eval.ptrs[0]].target;
			for (size_t k = 0; k < a->eval.nptrs && k < IPREV_MAX_TARGETS; k++) {
				name_id t = ctx->ix->records[a->eval.ptrs[k]].target;
				if (index_zone_of(ctx->ix, index_wire(ctx->ix, t)) == incomplete) {
					target = t;
					break;
				}
			}
			report(ctx, &spec,
			       "%s address %s whose PTR names %s, but zone %s lacks an $INCLUDEd "
			       "file that was not read, where that host or its address may be; fix "
			       "the $INCLUDE (its zone-syntax finding says why it failed)",
			       mail_subject_has(ctx, a), addr_str(&a->addr), name_str(ctx, target),
			       zone_str(ctx, incomplete));
		}
		else if (a->eval.unreadable)
			report(ctx, &spec,
			       "%s address %s, but %s %s owns a record that did not load, so "
			       "the address's PTR cannot be checked; fix that record (its zone-syntax "
			       "finding says why it failed)", mail_subject_has(ctx, a), addr_str(&a->addr),
			       name_tree_of(index_wire(ctx->ix, a->eval.unreadable)) == TREE_FORWARD
			       ? "its PTR target" : "its reverse name",
			       name_str(ctx, a->eval.unreadable));
		else if (!a->eval.covered && reverse_cname_leaves(ctx, a, &spec))
			;
		else if (!a->eval.covered)
			report(ctx, &spec,
			       "%s address %s, but no loaded reverse zone covers it, so its PTR "
			       "cannot be checked; lint the reverse zone too",
			       mail_subject_has(ctx, a), addr_str(&a->addr));
		else {
			/* name the first PTR target that is in no loaded zone */
			name_id unloaded = ctx->ix->records[a->eval.ptrs[0]].target;
			for (size_t k = 0; k < a->eval.nptrs && k < IPREV_MAX_TARGETS; k++) {
				name_id t = ctx->ix->records[a->eval.ptrs[k]].target;
				bool in_scope;
				target_has_address(ctx->ix, t, &a->addr, &in_scope);
				if (!in_scope) {
					unloaded = t;
					break;
				}
			}
			report(ctx, &spec,
			       "%s address %s whose PTR names %s, a host in no loaded zone, so "
			       "it cannot be checked; lint that zone too",
			       mail_subject_has(ctx, a), addr_str(&a->addr), name_str(ctx, unloaded));
		}
	}
}

const struct rule_impl rule_mail_ptr_unverifiable = {check, NULL};
