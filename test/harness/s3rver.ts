import S3rver from "s3rver";
import { removeDir } from "./process.ts";

/** A throwaway S3-compatible server (s3rver, in this process) with one empty bucket. */
export interface S3Server {
  /** `http://127.0.0.1:PORT` — use with `forcePathStyle: true`. */
  endpoint: string;
  port: number;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/**
 * Start s3rver on a random port of 127.0.0.1, storing objects in a temp dir, with `bucket`
 * pre-created. s3rver accepts only its built-in S3RVER/S3RVER credentials.
 */
export async function startS3rver(bucket = "test-bucket"): Promise<S3Server> {
  const dir = await Deno.makeTempDir({ prefix: "s3rver-" });
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    stop: async () => {
      // Clients keep sockets alive; close them so close() does not wait for their idle timeout.
      server.httpServer?.closeAllConnections?.();
      await server.close();
      await removeDir(dir);
    },
  };
}
