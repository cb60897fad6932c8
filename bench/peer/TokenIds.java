import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.langscore.huggingface.tokenizer.ModelTokenizer;
import org.langscore.huggingface.tokenizer.TokenizedText;

/**
 * Writes the token ids of a one-word-per-line text, tokenized as `langscore surprisal` tokenizes it (the
 * words joined by single spaces, the model's own tokenizer.json), one id per line: the input of the peer
 * loop (gpt2_strided_loop.py), which has no tokenizer library. Run from the repository root:
 * java -cp "web/target/quarkus-app/lib/main/*" bench/peer/TokenIds.java MODEL_DIR WORDS.txt IDS.txt
 */
public class TokenIds {
    public static void main(String[] args) throws Exception {
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (!line.isBlank()) {
                words.add(line.strip());
            }
        }
        try (ModelTokenizer tokenizer = ModelTokenizer.load(Path.of(args[0]))) {
            TokenizedText text = tokenizer.encode(String.join(" ", words));
            StringBuilder out = new StringBuilder();
            for (int id : text.ids()) {
                out.append(id).append('\n');
            }
            Files.writeString(Path.of(args[2]), out);
            System.err.println(words.size() + " words, " + text.ids().length + " tokens -> " + args[2]);
        }
    }
}
