/* workshop-kit pages: nothing typed is lost (see docs/decisions.md, "Nothing typed is lost").
 *
 * Solara includes this file (its /static/assets/custom.js hook) in every page of the kit.
 * - What a member types or ticks or chooses in a field is kept in this tab's sessionStorage, per
 *   page address, until the page changes the field (a save that clears it, a refresh) or the
 *   field's panel says it saved. A text field being typed in tells the server from its first
 *   key (not only on leaving it), so another device's save never replaces the typing.
 * - When the page loses its connection to the server, a bar says so at once, typing goes on,
 *   and a button pressed meanwhile is held back with a message saying it did nothing yet.
 * - A button pressed while what was typed before it is still on its way to the server waits
 *   for it, so the press acts on the whole text.
 * - Once the server answers again the page reconnects; if the server no longer knows the page
 *   (restarted, or the page's session freed), the page reloads, reopens the activities that
 *   were open and puts the kept text back into its fields, not saved: the bar says to save it.
 * - A join code typed on the page's "Type your join code" form is remembered in the
 *   ``wk-codes`` cookie (this server only, a year), so the team's pages open without it later.
 * - The page is in English (``lang``) and may be zoomed on a phone (Solara's page says neither);
 *   the "Large type" switch above every page works as on the Voila pages, with the same key in
 *   localStorage; the scripts shared with the Voila pages are loaded (names for screen readers,
 *   live counters under fields with a length limit, tick-box lists as named groups).
 */
(function () {
    "use strict";
    if (window.wkKeeper) {
        return;
    }

    /* -- the page as a whole: language, zoom, shared scripts ---------------------------- */

    if (!document.documentElement.getAttribute("lang")) {
        document.documentElement.setAttribute("lang", "en");
    }
    var viewport = document.querySelector('meta[name="viewport"]');
    if (viewport) {
        viewport.setAttribute("content", "width=device-width, initial-scale=1");
    }
    ["names.js", "counters.js"].forEach(function (file) {
        var script = document.createElement("script");
        script.src = ((window.solara && window.solara.rootPath) || "") + "/static/assets/" + file;
        document.head.appendChild(script);
    });

    /* -- large type (the Voila pages' switch: same class on <html>, same key) ----------- */

    var LARGE_TYPE = "workshop-kit.large-type";
    var root = document.documentElement;
    try {
        root.classList.toggle("wk-large-type", localStorage.getItem(LARGE_TYPE) === "on");
    } catch (e) {
        /* storage refused (private window): normal type */
    }

    function showLargeType() {
        var on = root.classList.contains("wk-large-type") ? "true" : "false";
        document.querySelectorAll(".wk-large-type-switch").forEach(function (button) {
            if (button.getAttribute("aria-pressed") !== on) {
                button.setAttribute("aria-pressed", on);
            }
        });
    }

    document.addEventListener(
        "click",
        function (event) {
            if (!event.target.closest || !event.target.closest(".wk-large-type-switch")) {
                return;
            }
            var on = root.classList.toggle("wk-large-type");
            try {
                localStorage.setItem(LARGE_TYPE, on ? "on" : "off");
            } catch (e) {
                /* kept for this page only */
            }
            showLargeType();
        },
        true
    );
    window.addEventListener("storage", function (event) {
        if (event.key === LARGE_TYPE) {
            root.classList.toggle("wk-large-type", event.newValue === "on");
            showLargeType();
        }
    });
    /* Solara's busy bar (a Vuetify progress bar, left in the page once drawn) has no name for
     * a screen reader to say (axe: aria-progressbar-name, serious) */
    function nameProgressBars() {
        document.querySelectorAll(
            '[role="progressbar"]:not([aria-label]):not([aria-labelledby])'
        ).forEach(function (bar) {
            bar.setAttribute("aria-label", "The page is working");
        });
    }

    /* the switch is drawn (and drawn again) by the page: show the choice on it each time */
    new MutationObserver(function () {
        showLargeType();
        nameProgressBars();
    }).observe(document.body, { subtree: true, childList: true });
    /* kept per page address, read when it is used: Solara changes the address without a
     * reload (a team's code typed on a page without a team) */
    function DRAFTS() { return "wk-drafts:" + location.pathname + location.search; }
    function OPENED() { return "wk-opened:" + location.pathname + location.search; }
    function RELOADED() { return "wk-reloaded:" + location.pathname + location.search; }
    /* what a member fills in: text, tick boxes and choices from a list */
    var FIELDS = 'textarea, input[type="text"], input:not([type]), input[type="checkbox"], select';
    var POLL_MS = 1000;
    var RESTORE_WAIT_MS = 90000;

    var WORDS = {
        lost: "Connection lost: what you typed is kept on this page; reconnecting…",
        held: "Not saved yet: this page has no connection to the workshop's server. What you " +
            "typed is kept on this page; press the button again once this bar says the page is back.",
        restored: "Reconnected. What you typed is back in its place and not saved yet: " +
            "press Save to keep it.",
        back: "Reconnected. This page is working again.",
        missing: "Reconnected, but some of what you typed could not be put back: its activity " +
            "is no longer on this page.",
    };

    function read(key, fallback) {
        try {
            var value = JSON.parse(sessionStorage.getItem(key));
            return value === null ? fallback : value;
        } catch (e) {
            return fallback;
        }
    }

    function write(key, value) {
        try {
            sessionStorage.setItem(key, JSON.stringify(value));
        } catch (e) {
            /* storage full or refused: the fields still hold the text */
        }
    }

    /* A field's name on this page: its tag, the kit's classes of every element around it and
     * its place among the fields with the same classes (stable for a page rebuilt the same way) */
    function signature(el) {
        var parts = [el.tagName.toLowerCase()];
        /* <html> left out: its classes are the page's look (large type), not the field's place */
        for (var node = el.parentElement; node && node !== document.documentElement;
             node = node.parentElement) {
            /* wk-counted: put on a field's box by the live counter, once it is drawn */
            var own = Array.prototype.filter.call(node.classList, function (c) {
                return c.indexOf("wk-") === 0 && c !== "wk-counted";
            });
            if (own.length) {
                parts.push(own.sort().join("."));
            }
        }
        return parts.join("<");
    }

    function fields() {
        var found = {};
        document.querySelectorAll(".wk-site " + FIELDS.split(", ").join(", .wk-site ")).forEach(
            function (el) {
                var sig = signature(el);
                var n = (found[sig] = found[sig] || []).push(el);
                el.wkKey = sig + "#" + (n - 1);
            }
        );
        return found;
    }

    function valueOf(el) {
        return el.type === "checkbox" ? (el.checked ? "checked" : "") : el.value;
    }

    function fieldFor(key) {
        var hash = key.lastIndexOf("#");
        var list = fields()[key.slice(0, hash)] || [];
        return list[Number(key.slice(hash + 1))] || null;
    }

    /* -- the bar ------------------------------------------------------------------------- */

    var bar = null;

    function say(text, kind) {
        if (!bar) {
            bar = document.createElement("div");
            bar.className = "wk-connection";
            bar.setAttribute("role", "alert");
            document.body.appendChild(bar);
        }
        bar.textContent = text;
        bar.className = "wk-connection wk-connection-" + kind;
        bar.hidden = false;
    }

    function quiet() {
        if (bar) {
            bar.hidden = true;
        }
    }

    var style = document.createElement("style");
    style.textContent =
        ".wk-connection { position: fixed; top: 0; left: 0; right: 0; z-index: 200000; " +
        "padding: 12px 16px; font: 18px/1.4 sans-serif; text-align: center; " +
        "border-bottom: 3px solid #7a4f00; background: #fff4d6; color: #1a1a1a; }" +
        ".wk-connection-ok { border-color: #1e6b34; background: #e6f4ea; }" +
        ".wk-restored-field { outline: 3px solid #7a4f00 !important; }";
    document.head.appendChild(style);

    /* -- what is typed ------------------------------------------------------------------- */

    var drafts = read(DRAFTS(), {});
    var opened = read(OPENED(), []);
    var address = location.href;

    /* the address changed without a reload: what is kept for the new one applies */
    function follow() {
        if (address !== location.href) {
            address = location.href;
            drafts = read(DRAFTS(), {});
            opened = read(OPENED(), []);
        }
    }

    document.addEventListener(
        "input",
        function (event) {
            var el = event.target;
            /* a join code is not kept: it is remembered, once right, in its cookie */
            if (!el.matches || !el.matches(FIELDS) || !el.closest(".wk-site") ||
                el.closest(".wk-join")) {
                return;
            }
            follow();
            fields();
            drafts[el.wkKey] = valueOf(el);
            write(DRAFTS(), drafts);
            sendSoon(el);
        },
        true
    );

    /* A text field sends what it holds only when it is left (or Enter is pressed), so while a
     * member types, the server counts the panel as untouched and would show another device's
     * save over the typing. The first key sends the text at once (as the field's own "change",
     * what leaving it does), later keys at most every SEND_MS: the panel knows it is being
     * typed in, keeps the typing and says the other device saved, and checks shown beside a
     * field follow the typing. A few messages a second at most, not one per key. */
    var SEND_MS = 500;
    var sending = new WeakMap(); /* field -> whether it changed since it last sent */

    function sendSoon(el) {
        if (el.type === "checkbox" || el.tagName === "SELECT" || el.closest(".wk-live")) {
            return; /* lists and tick boxes send every change themselves */
        }
        if (sending.has(el)) {
            sending.set(el, true);
            return;
        }
        if (!send(el)) {
            return; /* not connected: the next key tries again */
        }
        sending.set(el, false);
        setTimeout(function again() {
            if (sending.get(el) && send(el)) {
                sending.set(el, false);
                setTimeout(again, SEND_MS);
            } else {
                sending.delete(el);
            }
        }, SEND_MS);
    }

    function send(el) {
        if (kernel && connected && document.contains(el)) {
            el.dispatchEvent(new Event("change", { bubbles: true }));
            return true;
        }
        return false;
    }

    /* a kept text the page itself has since changed (a save that cleared its field, another
     * device's change shown) is no longer the member's, and one its panel has since said it
     * saved (a new "ok" message in the panel) is in the team's files: let both go, so a later
     * reload never puts back text older than what another device saved since */
    var seenOk = new WeakSet();

    function savedPanels() {
        var panels = [];
        document.querySelectorAll(".wk-site .wk-panel .wk-msg.wk-ok").forEach(function (msg) {
            if (!seenOk.has(msg)) {
                seenOk.add(msg);
                panels.push(msg.closest(".wk-panel"));
            }
        });
        return panels;
    }

    function forgetChanged() {
        follow();
        var changed = false;
        var saved = savedPanels();
        Object.keys(drafts).forEach(function (key) {
            var el = fieldFor(key);
            if (!el) {
                return;
            }
            var inSaved = saved.some(function (panel) { return panel.contains(el); });
            if ((valueOf(el) !== drafts[key] && document.activeElement !== el) ||
                (inSaved && valueOf(el) === drafts[key])) {
                delete drafts[key];
                changed = true;
            }
        });
        if (changed) {
            write(DRAFTS(), drafts);
        }
    }

    /* -- the connection ------------------------------------------------------------------ */

    var kernel = null;
    var connected = false;
    var everConnected = false; /* whether this page has been connected once (a later connection
                                * is a reconnection, to a server that may not know the page) */
    var unloading = false;
    var polling = null;
    var lastReconnect = 0;
    var RECONNECT_GAP_MS = 5000;

    /* leaving (a reload, another address, closing the tab) with typing that no panel has said
     * it saved: the browser asks first, as on the Voila pages. Not when the page starts itself
     * again (it keeps the text); and a member who chooses to stay keeps a working page */
    window.addEventListener("beforeunload", function (event) {
        if (!unloading) {
            forgetChanged();
            if (Object.keys(drafts).length) {
                event.preventDefault();
                event.returnValue = "";
                return;
            }
        }
        unloading = true;
    });
    window.addEventListener("pagehide", function () {
        unloading = true;
    });

    /* a button pressed while the page is not connected would be sent to a server that may no
     * longer know it: hold it back and say so; an activity opened is remembered for a reload */
    document.addEventListener(
        "click",
        function (event) {
            var button = event.target.closest && event.target.closest(".wk-site button");
            if (!button || button.classList.contains("wk-large-type-switch")) {
                return; /* the switch works without the server */
            }
            if (kernel && !connected) {
                event.preventDefault();
                event.stopImmediatePropagation();
                say(WORDS.held, "lost");
                return;
            }
            if (onItsWay > 0) {
                /* the press goes once the server has what was typed before it; presses made
                 * meanwhile go after it, in the order they were made */
                event.preventDefault();
                event.stopImmediatePropagation();
                heldPresses.push(button);
                return;
            }
            /* a button pressed on a working page: the "back in its place" bar has been read */
            if (bar && !bar.hidden && !bar.classList.contains("wk-connection-lost")) {
                quiet();
            }
            var panel = button.closest(".wk-panel") || document;
            panel.querySelectorAll(".wk-restored-field").forEach(function (el) {
                el.classList.remove("wk-restored-field");
            });
            follow();
            button.classList.forEach(function (c) {
                if (c.indexOf("wk-open-") === 0 && c !== "wk-open-activity" && opened.indexOf(c) < 0) {
                    opened.push(c);
                    write(OPENED(), opened);
                }
            });
        },
        true
    );

    /* A field's widget has one change on its way to the server at a time: a change made
     * meanwhile (the rest of a text whose first key was sent) waits in the page until the
     * server answers, while a button's press goes at once. On a slow server the press reached
     * it first and acted on the first letter (a workbook named "S"). So while any change is on
     * its way a press is held, and pressed again once none is; counted per connection, since
     * an answer lost with a connection never comes. */
    var onItsWay = 0;
    var heldPresses = [];
    var connection = 0;

    function countChanges() {
        var sendShellMessage = kernel.sendShellMessage;
        kernel.sendShellMessage = function (msg) {
            var future = sendShellMessage.apply(kernel, arguments);
            var data = msg && msg.content && msg.content.data;
            if (msg.header.msg_type === "comm_msg" && data && data.method === "update") {
                var sentOn = connection;
                onItsWay += 1;
                var answered = function () {
                    if (sentOn === connection) {
                        onItsWay -= 1;
                        if (onItsWay === 0) {
                            setTimeout(pressHeld, 0); /* after a change that waited is sent */
                        }
                    }
                };
                future.done.then(answered, answered);
            }
            return future;
        };
    }

    function pressHeld() {
        while (heldPresses.length && onItsWay === 0) {
            var button = heldPresses.shift();
            if (document.contains(button)) {
                button.click();
            }
        }
    }

    function forgetChangesOnTheirWay() {
        connection += 1;
        onItsWay = 0;
        if (heldPresses.length) {
            heldPresses = [];
            say(WORDS.held, "lost");
        }
    }

    function reload() {
        if (!unloading) {
            write(RELOADED(), true);
            unloading = true;
            location.reload();
        }
    }

    /* ask the server (not the page's kernel) whether it answers; once it does, reconnect at
     * once instead of waiting out the connection's growing back-off */
    function pollServer() {
        if (polling) {
            return;
        }
        polling = setInterval(function () {
            fetch(location.pathname, { method: "HEAD", cache: "no-store" })
                .then(function (response) {
                    if (!response.ok || connected || unloading) {
                        return;
                    }
                    if (kernel.isDisposed || kernel.status === "dead") {
                        reload();
                    } else if (kernel.connectionStatus !== "connected" &&
                               Date.now() - lastReconnect > RECONNECT_GAP_MS) {
                        /* one attempt at a time: a socket takes a moment to open on a busy server */
                        lastReconnect = Date.now();
                        kernel.reconnect().catch(function () {});
                    }
                })
                .catch(function () {});
        }, POLL_MS);
    }

    function stopPolling() {
        clearInterval(polling);
        polling = null;
    }

    function connectionChanged() {
        if (unloading) {
            return;
        }
        var now = kernel.connectionStatus === "connected" && kernel.status !== "dead";
        if (now && !connected && !everConnected) {
            /* the first connection of a page just served: nothing to check, and a button
             * pressed now must not be held (on a busy server the check takes seconds) */
            connected = everConnected = true;
            return;
        }
        if (now && !connected) {
            /* connected again, but to a server that may not know this page: buttons stay held
             * until it says it still runs the page (else the page starts again, text kept) */
            var attempt = (checking = checking + 1);
            pageRunning().then(function (running) {
                if (attempt !== checking || unloading ||
                    kernel.connectionStatus !== "connected") {
                    return;
                }
                if (!running) {
                    reload();
                    return;
                }
                connected = true;
                stopPolling();
                say(WORDS.back, "ok");
                setTimeout(function () {
                    if (connected) {
                        quiet();
                    }
                }, 4000);
            });
        } else if (!now) {
            connected = false;
            say(WORDS.lost, "lost");
            forgetChangesOnTheirWay(); /* a press held for them is said to have done nothing */
            pollServer();
        }
    }

    var checking = 0;

    /* whether the server still runs this page: Solara's own question on its control channel
     * (false when it does not, or does not answer within a few seconds) */
    function pageRunning() {
        return new Promise(function (resolve) {
            try {
                var comm = kernel.createComm("solara.control", "wk-" + Date.now() + Math.random());
                comm.onMsg = function (msg) {
                    var data = msg.content && msg.content.data;
                    if (data && data.method === "app-status") {
                        resolve(Boolean(data.started));
                    }
                };
                comm.open({}, {}, []);
                comm.send({ method: "app-status" });
            } catch (e) {
                resolve(false);
            }
            setTimeout(function () { resolve(false); }, 5000);
        });
    }

    function statusChanged() {
        /* Solara shuts the page's kernel down when the server it reconnected to does not know
         * the page (a restarted server, a freed session): start the page again, keeping the text */
        if (kernel.status === "dead" && !unloading) {
            connected = false;
            say(WORDS.lost, "lost");
            reload();
        }
    }

    /* -- putting kept text back after a reload ------------------------------------------- */

    function pageDrawn() {
        return connected && document.querySelector(".wk-site .wk-page") !== null;
    }

    function putBack(el, value) {
        if (el.type === "checkbox") {
            el.click(); /* the widget toggles its value on a click, as for a person's */
        } else if (el.tagName === "SELECT" &&
                   !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
            return; /* the choice is no longer offered: leave the list as the page drew it */
        } else {
            el.value = value;
            el.dispatchEvent(new Event("input", { bubbles: true }));
            el.dispatchEvent(new Event("change", { bubbles: true }));
        }
        el.classList.add("wk-restored-field");
    }

    function restore(afterReload) {
        var keys = Object.keys(drafts);
        var started = Date.now();
        var clicked = false;
        var timer = setInterval(function () {
            if (!pageDrawn()) {
                return;
            }
            if (!clicked) {
                clicked = true;
                opened.forEach(function (c) {
                    var button = document.querySelector(".wk-site button." + CSS.escape(c));
                    if (button) {
                        button.click();
                    }
                });
            }
            var left = keys.filter(function (key) {
                return fieldFor(key) === null;
            });
            if (left.length && Date.now() - started < RESTORE_WAIT_MS) {
                return;
            }
            clearInterval(timer);
            var restored = 0;
            keys.forEach(function (key) {
                var el = fieldFor(key);
                if (el && valueOf(el) !== drafts[key]) {
                    putBack(el, drafts[key]);
                    restored += 1;
                }
            });
            if (left.length) {
                /* said once; kept no longer, or every later reload would wait for them again */
                left.forEach(function (key) { delete drafts[key]; });
                write(DRAFTS(), drafts);
                say(WORDS.missing, "note");
            } else if (restored) {
                say(WORDS.restored, "ok");
            } else if (afterReload) {
                say(WORDS.back, "ok");
                setTimeout(quiet, 4000);
            }
            savedPanels();
            setInterval(forgetChanged, POLL_MS);
        }, 250);
    }

    function start() {
        var debug = window.solara && window.solara.debug;
        if (!debug || !debug.kernel || !debug.kernel()) {
            setTimeout(start, 200);
            return;
        }
        kernel = debug.kernel();
        countChanges();
        connected = everConnected = kernel.connectionStatus === "connected";
        kernel.connectionStatusChanged.connect(connectionChanged);
        kernel.statusChanged.connect(statusChanged);
        var afterReload = read(RELOADED(), false);
        sessionStorage.removeItem(RELOADED());
        if (Object.keys(drafts).length || afterReload) {
            restore(afterReload);
        } else {
            savedPanels();
            setInterval(forgetChanged, POLL_MS);
        }
    }

    /* -- join codes ---------------------------------------------------------------------- */

    var CODES = "wk-codes";

    function rememberCode() {
        var field = document.querySelector(".wk-join-code input");
        var code = field ? field.value.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
        if (!code) {
            return;
        }
        var held = [];
        document.cookie.split(";").forEach(function (part) {
            var pair = part.trim().split("=");
            if (pair[0] === CODES && pair[1]) {
                held = pair[1].split(".");
            }
        });
        held = held.filter(function (c) { return c && c !== code; });
        held.push(code);
        document.cookie = CODES + "=" + held.slice(-8).join(".") +
            "; path=/; max-age=31536000; samesite=strict";
    }

    document.addEventListener(
        "click",
        function (event) {
            if (event.target.closest && event.target.closest(".wk-join-open")) {
                rememberCode();
            }
        },
        true
    );
    // Enter in a one-line field presses the button that goes with it, as in any web form: the
    // join code opens the page, a new team's name creates its workbook. The field's "change"
    // is sent first, so the server has the text before the press.
    var ENTER_PRESSES = [
        [".wk-join-code", ".wk-join-open"],
        [".wk-new-team-name", ".wk-create-team"]
    ];

    function partnerButton(field, selector) {
        for (var box = field.parentElement; box; box = box.parentElement) {
            var found = box.querySelector(selector);
            if (found) {
                return found;
            }
        }
        return null;
    }

    document.addEventListener(
        "keydown",
        function (event) {
            if (event.key !== "Enter" || !event.target.closest || event.target.tagName !== "INPUT") {
                return;
            }
            ENTER_PRESSES.forEach(function (pair) {
                var field = event.target.closest(pair[0]);
                var press = field && partnerButton(field, pair[1]);
                if (press) {
                    event.target.dispatchEvent(new Event("change", { bubbles: true }));
                    press.click();
                }
            });
        },
        true
    );

    /* -- the team follows the person ------------------------------------------------------ */

    /* the team picker marks the open team (data-wk-team, data-wk-member); the address names it
     * too, so a reload, the back button and a link to another page reopen the same team */
    function chosenTeam() {
        var marker = document.querySelector(".wk-site [data-wk-team]");
        var team = marker && marker.getAttribute("data-wk-team");
        return team ? { team: team, member: marker.getAttribute("data-wk-member") || "" } : null;
    }

    function withTeam(href, choice) {
        var url = new URL(href, location.href);
        url.searchParams.set("team", choice.team);
        if (choice.member) {
            url.searchParams.set("member", choice.member);
        } else {
            url.searchParams.delete("member");
        }
        return url;
    }

    function addressFollowsTeam() {
        var choice = chosenTeam();
        if (!choice) {
            return;
        }
        /* compared as values, not as text: "Ana%20Ruiz" and "Ana+Ruiz" are one name, and an
         * address rewritten for nothing made Solara's router draw the page again */
        var now = new URL(location.href).searchParams;
        if (now.get("team") !== choice.team || (now.get("member") || "") !== choice.member) {
            history.replaceState(history.state, "", withTeam(location.href, choice).href);
        }
    }

    new MutationObserver(addressFollowsTeam).observe(document.body, {
        subtree: true, childList: true, attributes: true, attributeFilter: ["data-wk-team", "data-wk-member"],
    });
    document.addEventListener(
        "click",
        function (event) {
            var link = event.target.closest && event.target.closest(".wk-site a[href]");
            var choice = chosenTeam();
            if (!link || !choice) {
                return;
            }
            var url = new URL(link.getAttribute("href"), location.href);
            /* another page of this server (``/day2``), not a download or a file */
            if (url.origin === location.origin && /^\/[a-z0-9-]*$/.test(url.pathname) &&
                !link.hasAttribute("download") && !url.searchParams.get("team")) {
                link.setAttribute("href", withTeam(url.href, choice).href);
            }
        },
        true
    );

    window.wkKeeper = { drafts: function () { return drafts; }, opened: function () { return opened; } };
    start();
})();
