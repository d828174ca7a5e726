/* mail-ptr-generic — see docs/rules/mail-ptr-generic.md. */
#include "engine.h"

static const struct rule_option options[] = {
	{"words", OPT_WORDS,
	 "dynamic\ndyn\ndhcp\npool\ndsl\nadsl\ncable\ndial\ndialup\nppp\npppoe\nclient\ncust\ncustomer\nbroadband\nip\nhost\nstatic\nunassigned",
	 "tokens that mark a host name as generic or dynamic"},
	{NULL, 0, NULL, NULL},
};

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_mail_ptr_generic = {check, options};
