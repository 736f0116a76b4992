/**
 * The Changes view against a real `opencode serve` (issue 11): replies that write and edit files of
 * the project (a git repository, as a real user's would be) show in the region "Changes" one item per
 * file with its diff, syntax-coloured and inert however hostile the file; Undo takes back the last
 * exchange and its file change, on disk and in Changes, and Redo brings both back; a changed file in
 * the log links to its diff; the working tree shows too, and a folder outside git says so.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  REPO_ROOT,
  connectedSession,
  logText,
  resultsDir,
  sendMessage,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "changes" });
const app = useApp(() => [server()]);

const GREET = 'export function greet(name: string) {\\n  return "Hello " + name;\\n}\\n';
const EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

const changes = (page: Page) => page.getByRole("region", { name: "Changes" });
const item = (page: Page, file: string) => changes(page).getByRole("listitem", { name: file, exact: true });
const itemNames = (page: Page) =>
  changes(page)
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")));
/** Picks a choice of a radio group the way a person does: by clicking its label (the input is visually hidden). */
const choose = (page: Page, group: string, option: string) =>
  changes(page).getByRole("radiogroup", { name: group }).locator("label", { hasText: option }).click();
const sessionIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

// Like the tour: a README screenshot with SCREENSHOT_DIR=docs/screenshots, else test-results.
const shotDir = process.env.SCREENSHOT_DIR ? join(REPO_ROOT, process.env.SCREENSHOT_DIR) : join(resultsDir(), "screenshots");

describe("Changes", () => {
  it("shows what replies wrote, file by file; Undo takes the last exchange and its change back, Redo restores both", async () => {
    const project = server().projectDirs[0];
    const greetPath = join(project, "src", "greet.ts");
    const page = await connectedSession(app(), server().port);
    const rest = new OpencodeRest(server()).in(project);

    await sendMessage(page, `write:src/greet.ts:${GREET}\nwrite:evil.html:${EVIL}`);
    // The first model call in a fresh sandbox waits for provider set-up (up to ~15 s seen).
    await waitForLogText(page, /Tool finished/, 45_000);
    const sessionId = sessionIdOf(page);
    await rest.waitIdle(sessionId, 30_000);
    expect(readFileSync(greetPath, "utf8")).toContain('return "Hello " + name;');
    await expect.poll(() => page.getByText("2 files changed").count(), { timeout: 10_000 }).toBe(1);

    await page.getByRole("button", { name: "Changes" }).click();
    await expect.poll(() => itemNames(page), { timeout: 10_000 }).toEqual(["evil.html", "src/greet.ts"]);
    await expect.poll(() => item(page, "src/greet.ts").innerText(), { timeout: 10_000 }).toContain('return "Hello " + name;');
    // Coloured as TypeScript, by highlight.js loaded only now.
    await item(page, "src/greet.ts").locator(".hljs-keyword").first().waitFor({ timeout: 10_000 });
    // The hostile file reads as text and nothing in it runs.
    await expect.poll(() => item(page, "evil.html").innerText(), { timeout: 10_000 }).toContain('<img src=x onerror="window.__pwned=1">');
    await item(page, "evil.html").locator(".hljs-tag").first().waitFor({ timeout: 10_000 });
    expect(await changes(page).locator("img, script, iframe, [onerror]").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    mkdirSync(shotDir, { recursive: true });
    await page.screenshot({ path: join(shotDir, "10-changes.png") });

    await expect.poll(() => page.getByRole("button", { name: "Send" }).isDisabled(), { timeout: 10_000 }).toBe(true);
    await sendMessage(page, 'edit:src/greet.ts:"Hello "=>"Hi there "');
    await expect.poll(() => readFileSync(greetPath, "utf8"), { timeout: 30_000 }).toContain("Hi there");
    await rest.waitIdle(sessionId, 30_000);
    // One item still, now with the patch of each prompt that changed it.
    await expect
      .poll(
        () =>
          item(page, "src/greet.ts")
            .getByText(/^Prompt at /)
            .count(),
        { timeout: 10_000 },
      )
      .toBe(2);
    await expect.poll(() => item(page, "src/greet.ts").innerText()).toContain("Hi there");
    expect(await itemNames(page)).toEqual(["evil.html", "src/greet.ts"]);

    await expect.poll(() => page.getByRole("button", { name: "Undo" }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => logText(page), { timeout: 10_000 }).not.toMatch(/edit:src\/greet\.ts/);
    await expect.poll(() => readFileSync(greetPath, "utf8"), { timeout: 10_000 }).not.toContain("Hi there");
    expect(readFileSync(greetPath, "utf8")).toContain('return "Hello " + name;');
    await expect.poll(() => item(page, "src/greet.ts").innerText(), { timeout: 10_000 }).not.toContain("Hi there");
    expect(
      await item(page, "src/greet.ts")
        .getByText(/^Prompt at /)
        .count(),
    ).toBe(0);
    expect(await itemNames(page)).toEqual(["evil.html", "src/greet.ts"]);

    await page.getByRole("button", { name: "Redo" }).click();
    await waitForLogText(page, /edit:src\/greet\.ts/, 10_000);
    await expect.poll(() => readFileSync(greetPath, "utf8"), { timeout: 10_000 }).toContain("Hi there");
    await expect.poll(() => item(page, "src/greet.ts").innerText(), { timeout: 10_000 }).toContain("Hi there");

    // Undo both exchanges: every file the session wrote is gone, on disk and in Changes.
    await page.getByRole("button", { name: "Undo" }).click();
    await expect
      .poll(
        () =>
          item(page, "src/greet.ts")
            .getByText(/^Prompt at /)
            .count(),
        { timeout: 10_000 },
      )
      .toBe(0);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => existsSync(greetPath) || existsSync(join(project, "evil.html")), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => changes(page).innerText(), { timeout: 10_000 }).toContain("No changes in this session.");
    // One step at a time: each Redo reads the revert mark the previous one left.
    await page.getByRole("button", { name: "Redo" }).click();
    await expect.poll(() => existsSync(greetPath) && readFileSync(greetPath, "utf8"), { timeout: 10_000 }).toContain('"Hello "');
    await expect.poll(() => item(page, "src/greet.ts").count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole("button", { name: "Redo" }).click();
    await expect.poll(() => readFileSync(greetPath, "utf8"), { timeout: 10_000 }).toContain("Hi there");
    await expect.poll(() => itemNames(page), { timeout: 10_000 }).toEqual(["evil.html", "src/greet.ts"]);
  });

  it("links a changed file in the log to its diff, and shows the working tree", async () => {
    const project = server().projectDirs[0];
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "write:notes/plan.md:# Plan\\n\\n- write the tests\\n");
    await page.getByRole("link", { name: "Show notes/plan.md in Changes" }).waitFor({ timeout: 45_000 });
    await new OpencodeRest(server()).in(project).waitIdle(sessionIdOf(page), 30_000);

    await page.getByRole("link", { name: "Show notes/plan.md in Changes" }).click();
    await expect.poll(() => item(page, "notes/plan.md").getAttribute("aria-current"), { timeout: 10_000 }).toBe("true");
    expect(new URL(page.url()).searchParams.get("file")).toBe("notes/plan.md");
    await expect.poll(() => item(page, "notes/plan.md").evaluate((li) => li === document.activeElement), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => item(page, "notes/plan.md").innerText(), { timeout: 10_000 }).toContain("- write the tests");

    // The working tree: what git sees, this session's file among it and one written outside OpenCode.
    await choose(page, "Changes of", "Working tree");
    await item(page, "notes/plan.md").waitFor({ timeout: 10_000 });
    writeFileSync(join(project, "outside.txt"), "written by hand\n");
    await changes(page).getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => item(page, "outside.txt").innerText(), { timeout: 10_000 }).toContain("written by hand");

    await choose(page, "Layout", "Side by side");
    await item(page, "outside.txt").locator(".d2h-file-side-diff").first().waitFor({ timeout: 10_000 });
  });

  it("says so when the session's folder is not a git repository", async () => {
    const plain = join(server().root, "plain-folder");
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, "readme.txt"), "not tracked by anything\n");
    const session = await new OpencodeRest(server()).in(plain).createSession({ title: "Plain folder" });
    const page = await connectedSession(app(), server().port);
    const instance = new URL(page.url()).pathname.split("/")[2];
    await page.goto(new URL(`/i/${instance}/s/${encodeURIComponent(session.id)}?changes=tree`, page.url()).href);
    await expect
      .poll(() => changes(page).innerText(), { timeout: 30_000 })
      .toContain(`${plain} is not a git repository, so there is no working tree to compare with.`);
    await choose(page, "Changes of", "This session");
    await expect.poll(() => changes(page).innerText()).toContain("OpenCode records a session's changes only in a git repository");
  });
});
