import { describe, expect, it } from "vitest";
import { uploadAsset, uploadFormOf, type PostFile } from "./upload";
import type { PartnerAsset, PartnerAssetIn } from "./types";

const asset = (assetId: string): PartnerAsset => ({
  asset_id: assetId,
  kind: "file",
  title: "Logo",
  text: null,
  content_type: "image/png",
  size: 3,
  download_url: null,
  created_at: "2026-03-01T00:00:00Z",
});

function fakeApi(upload: Record<string, unknown> | null) {
  const calls: string[] = [];
  const bodies: PartnerAssetIn[] = [];
  return {
    calls,
    bodies,
    api: {
      addAsset: async (body: PartnerAssetIn) => {
        calls.push("add");
        bodies.push(body);
        return { asset: asset("a-1"), upload };
      },
      completeAsset: async (assetId: string) => {
        calls.push(`complete ${assetId}`);
        return { ...asset(assetId), download_url: "https://files.test/a-1" };
      },
      deleteAsset: async (assetId: string) => {
        calls.push(`delete ${assetId}`);
        return null;
      },
    },
  };
}

const FORM = { url: "https://s3.test/bucket", fields: { key: "affiliates/assets/a-1/logo.png", "Content-Type": "image/png" } };

describe("uploading a file asset", () => {
  it("asks for the form with the file's type and size, posts the file, then completes it", async () => {
    const fake = fakeApi(FORM);
    const posted: unknown[] = [];
    const post: PostFile = async (form, file) => void posted.push([form, file.name]);
    const done = await uploadAsset(fake.api, "Logo", new File(["abc"], "logo.png"), post);
    expect(fake.bodies).toEqual([{ kind: "file", title: "Logo", file_name: "logo.png", content_type: "image/png", size: 3 }]);
    expect(posted).toEqual([[FORM, "logo.png"]]);
    expect(fake.calls).toEqual(["add", "complete a-1"]);
    expect(done.download_url).toBe("https://files.test/a-1");
  });

  it("deletes the record it made when the upload fails", async () => {
    const fake = fakeApi(FORM);
    const refuse: PostFile = async () => {
      throw new Error("The upload was refused");
    };
    await expect(uploadAsset(fake.api, "Logo", new File(["abc"], "logo.png"), refuse)).rejects.toThrow("refused");
    expect(fake.calls).toEqual(["add", "delete a-1"]);
  });

  it("reads the API's form, and nothing else", () => {
    expect(uploadFormOf({ url: "https://s3.test", fields: { key: "k", n: 1 } })).toEqual({ url: "https://s3.test", fields: { key: "k", n: "1" } });
    expect(uploadFormOf(null)).toBeNull();
    expect(uploadFormOf({ url: 3, fields: {} })).toBeNull();
  });

  it("refuses a file that is not an image or a PDF before asking", async () => {
    const fake = fakeApi(FORM);
    await expect(uploadAsset(fake.api, "Notes", new File(["abc"], "notes.docx"))).rejects.toThrow(/not an image or a PDF/);
    expect(fake.calls).toEqual([]);
  });
});
