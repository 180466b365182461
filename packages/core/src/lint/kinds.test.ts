import { describe, expect, it } from "vitest";
import { fileKind, isNotificationSettings } from "./kinds.js";

describe("fileKind", () => {
  it.each([
    ["setup.ps1", "", "powershell"],
    ["Module.PSM1", "", "powershell"],
    ["smtpcfg.yaml", "<x/>", "config"],
    ["prod.smtpcfg.yml", "", "config"],
    ["notificationSettings.xml", "", "xml"],
    ["pasted.txt", "\n  <?xml version='1.0'?><notificationSettings/>", "xml"],
    ["smtpcfg", "version: 1\n", "config"],
  ])("%s is %s", (path, text, kind) => {
    expect(fileKind(path, text)).toBe(kind);
  });
});

describe("isNotificationSettings", () => {
  it("recognises the Omada root, namespace or credentials element, and nothing else", () => {
    expect(isNotificationSettings("<notificationSettings/>")).toBe(true);
    expect(isNotificationSettings('<n xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML"/>')).toBe(true);
    expect(isNotificationSettings("<smtp><azureAdClientCredentials/></smtp>")).toBe(true);
    expect(isNotificationSettings('<project xmlns="http://maven.apache.org/POM/4.0.0"/>')).toBe(false);
  });
});
