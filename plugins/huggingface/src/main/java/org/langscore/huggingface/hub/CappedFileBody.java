package org.langscore.huggingface.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Writes a download's body to a partial file, never past a size: when the body would exceed it, the
 * exchange is cancelled and the body fails with {@link ErrorCode#DOWNLOAD_FAILED}. The body is the
 * number of bytes the file holds at the end. Cancelling the {@code sendAsync} future stops it too,
 * which a blocked {@code InputStream} read would not (JDK 17's swallows interrupts).
 */
final class CappedFileBody implements HttpResponse.BodySubscriber<Long> {
    private final URI uri;
    private final Path partial;
    private final boolean append;
    private final long limit;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private OutputStream out;
    private Flow.Subscription subscription;
    private long written;

    /**
     * @param uri what is downloaded, for messages
     * @param partial the file to write
     * @param have the bytes the file already holds (0 to start over)
     * @param limit the most bytes the file may hold
     */
    CappedFileBody(URI uri, Path partial, long have, long limit) {
        this.uri = uri;
        this.partial = partial;
        this.append = have > 0;
        this.written = have;
        this.limit = limit;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        try {
            out = append ? Files.newOutputStream(partial, StandardOpenOption.APPEND)
                    : Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
            subscription.request(1);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                int n = buffer.remaining();
                if (written + n > limit) {
                    fail(new ScoringException(ErrorCode.DOWNLOAD_FAILED, "the download of " + uri + " exceeds "
                            + limit + " bytes; stopped"));
                    return;
                }
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                out.write(bytes);
                written += n;
            }
            subscription.request(1);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        close();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        close();
        result.complete(written);
    }

    private void fail(Exception error) {
        subscription.cancel();
        close();
        result.completeExceptionally(error);
    }

    private void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
