/** @odoo-module */
import { expect, test } from "@odoo/hoot";
import { makeMockEnv, serverState } from "@web/../tests/web_test_helpers";
import { day, money, moneyCents, number } from "@recouvrement_fr/components/format";
import { defineRecoveryTestEnv, euroId, NBSP } from "./recovery_test_helpers";

defineRecoveryTestEnv();

test("moneyCents: French amount with cents, no-break spaces, euro after", async () => {
    await makeMockEnv();
    expect(moneyCents(5750.4, euroId())).toBe(`5${NBSP}750,40${NBSP}€`);
    expect(moneyCents(1234567.891, euroId())).toBe(`1${NBSP}234${NBSP}567,89${NBSP}€`);
    expect(moneyCents(-840, euroId())).toBe(`-840,00${NBSP}€`);
    // an unset amount (False from the server) is a zero, not an empty cell
    expect(moneyCents(false, euroId())).toBe(`0,00${NBSP}€`);
    const usd = serverState.currencies.find((currency) => currency.name === "USD").id;
    expect(moneyCents(1234.5, usd)).toBe(`$${NBSP}1${NBSP}234,50`);
});

test("money: rounded to the euro", async () => {
    await makeMockEnv();
    expect(money(5750.4, euroId())).toBe(`5${NBSP}750${NBSP}€`);
    expect(money(12345.6, euroId())).toBe(`12${NBSP}346${NBSP}€`);
    expect(money(null, euroId())).toBe(`0${NBSP}€`);
});

test("number: one decimal by default, French comma and grouping", async () => {
    await makeMockEnv();
    expect(number(47.26)).toBe("47,3");
    expect(number(12)).toBe("12,0");
    expect(number(1234.5, 2)).toBe(`1${NBSP}234,50`);
    expect(number(false)).toBe("0,0");
});

test("day: server date shown day/month/year, nothing when unset", async () => {
    await makeMockEnv();
    expect(day("2026-12-07")).toBe("07/12/2026");
    expect(day("2027-01-31")).toBe("31/01/2027");
    expect(day(false)).toBe("");
});
