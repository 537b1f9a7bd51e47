"""Tiếng Việt: văn bản giao diện và phần nhận xét sau buổi tập."""

MESSAGES: dict[str, str] = {
    # -- dimension names -------------------------------------------------------------------------
    "dim.speed": "Tốc độ",
    "dim.apology": "Xin lỗi",
    "dim.remedy_fit": "Bù đắp",
    "dim.follow_up": "Theo dõi",
    "dim.boundaries": "Giữ giới hạn",
    "dim.overall": "Tổng thể",
    # -- principles, in plain words --------------------------------------------------------------
    "principle.speed": "Thừa nhận sự cố ngay lập tức và giải quyết trong khoảng thời gian khách "
    "mong đợi; chậm một chút thì khách khó nhận ra, nhưng càng để lâu cái giá "
    "càng lớn, và cho khách đang chờ biết tình hình sẽ giúp họ bớt sốt ruột.",
    "principle.apology": "Lời xin lỗi chân thành phải nhận trách nhiệm và đề nghị khắc phục; xin "
    "lỗi sớm, sau khi đã lắng nghe, bằng sự đồng cảm, và không bao giờ đổ lỗi "
    "cho đồng nghiệp, cho “hệ thống” hay cho khách.",
    "principle.remedy_fit": "Mất gì bù nấy: sửa được thì sửa, mất tiền thì bù tiền, giá trị tương "
    "đương thiệt hại (không quá ít, cũng không quá nhiều), trong phạm vi "
    "thẩm quyền của mình, và báo lên cấp trên khi mức bù đắp hợp lý vượt "
    "quá thẩm quyền đó.",
    "principle.follow_up": "Khép lại vòng xử lý: cho khách biết điều gì sẽ thay đổi để sự việc "
    "không lặp lại, liên hệ lại với khách, ghi nhận nguyên nhân gốc và cảm "
    "ơn khách đã phản ánh.",
    "principle.boundaries": "Với khách khó tính, hãy giữ bình tĩnh và lịch sự, đặt giới hạn rõ "
    "ràng, khắc phục công bằng lỗi thực sự, xác minh yêu cầu mà không buộc "
    "tội, báo cấp trên khi bị đe dọa, và đừng bao giờ nhượng bộ chỉ để "
    "được yên chuyện.",
    # -- speed -------------------------------------------------------------------------------------
    "speed.never_acknowledged": "Sự cố không hề được thừa nhận: không xin lỗi, cũng không chủ động "
    "tiếp cận khách.",
    "speed.late_acknowledgment": "Sau {minutes} phút sự cố mới được thừa nhận; mục tiêu là "
    "{target} phút.",
    "speed.never_resolved": "Không có hành động nào giải quyết được sự cố, nên đồng hồ không bao "
    "giờ dừng.",
    "speed.slow_resolution": "Mất {minutes} phút mới giải quyết xong; mục tiêu là {target} phút.",
    "speed.slow_decisions": "Có {count} quyết định mất nhiều thời gian hơn mục tiêu {target} giây.",
    "speed.good": "Thừa nhận ở phút thứ {ack} và giải quyết xong ở phút thứ {resolved}, đều đạt "
    "mục tiêu.",
    # -- apology -----------------------------------------------------------------------------------
    "apology.blamed_customer": "Đổ lỗi cho khách là điều tệ nhất mà một lời xin lỗi có thể mắc "
    "phải.",
    "apology.deflected": "Lời xin lỗi lại đổ trách nhiệm cho người khác hoặc cho thứ khác.",
    "apology.none": "Không có lời xin lỗi nào.",
    "apology.no_responsibility": "Lời xin lỗi không hề nhận trách nhiệm, trong khi đó là phần quan "
    "trọng nhất.",
    "apology.late": "Lời xin lỗi chỉ đến sau khi đã đưa ra cách bù đắp, nên kém giá trị hơn.",
    "apology.refused": "Khách bị trả lời rằng bên mình không có nghĩa vụ phải giúp.",
    "apology.argued": "Cãi lại khách đã làm hỏng lời xin lỗi.",
    "apology.interrupted": "Khách bị ngắt lời {count} lần.",
    "apology.did_not_listen_first": "Đưa ra cách bù đắp trước khi tìm hiểu khách cần gì.",
    "apology.no_empathy": "Cảm xúc của khách không hề được ghi nhận.",
    "apology.missing_components": "Lời xin lỗi chân thành, nhưng còn thiếu: {missing}.",
    "apology.excessive": "Xin lỗi hết lần này đến lần khác mà không hành động thì trông như khúm "
    "núm.",
    "apology.good": "Lời xin lỗi đầy đủ, kịp thời, đồng cảm và đến sau khi đã lắng nghe.",
    # -- remedy fit --------------------------------------------------------------------------------
    "remedy.nothing": "Không đưa ra cách bù đắp nào và cũng không báo lên cấp trên.",
    "remedy.too_little": "Mức bù đắp chỉ bằng khoảng {percent}% thiệt hại: quá ít.",
    "remedy.too_much": "Tổng mức bù đắp bằng khoảng {percent}% thiệt hại: vượt xa mức hợp lý, và "
    "điều đó không mua được lòng trung thành.",
    "remedy.not_fixed": "Vấn đề lẽ ra sửa được nhưng chỉ được đền bù.",
    "remedy.wrong_kind": "Phần lớn mức bù đắp khác loại với thứ khách đã mất.",
    "remedy.delayed": "Phần lớn mức bù đắp là voucher hoặc khoản tín dụng để dùng sau, chứ không "
    "phải bù đắp ngay.",
    "remedy.partial_losses": "Một phần thiệt hại của khách chưa được bù đắp.",
    "remedy.escalated_right": "Mức bù đắp hợp lý vượt quá thẩm quyền của bạn và bạn đã báo lên cấp "
    "trên: đúng.",
    "remedy.escalated_needless": "Bạn đã chuyển lên cấp trên việc mà bạn có thể tự giải quyết "
    "trong phạm vi thẩm quyền.",
    "remedy.over_authority": "Bạn đã chi {spent} {currency} trong khi thẩm quyền chỉ là {budget} "
    "mà không hỏi ý quản lý.",
    "remedy.owed_missing": "Khách đáng được nhận “{remedy}” nhưng điều này đã bị bỏ sót.",
    "remedy.good": "Mức bù đắp tương xứng với thiệt hại cả về loại lẫn giá trị ({percent}%).",
    # -- follow-up ---------------------------------------------------------------------------------
    "follow_up.none": "Hoàn toàn không có bước theo dõi nào.",
    "follow_up.missing": "Phần theo dõi còn thiếu: {missing}.",
    "follow_up.good": "Có biện pháp phòng ngừa, liên hệ lại, ghi nhận sự việc và lời cảm ơn: vòng "
    "xử lý đã khép lại.",
    # -- boundaries --------------------------------------------------------------------------------
    "boundaries.calm_limit": "Chưa bình tĩnh đặt ra giới hạn rõ ràng trước lời lẽ xúc phạm.",
    "boundaries.no_retaliation": "Đáp trả xúc phạm bằng xúc phạm chỉ khiến căng thẳng leo thang "
    "(điểm tổng thể tối đa 30).",
    "boundaries.no_caving": "Nhượng bộ để khách ngừng xúc phạm là dạy họ rằng cứ xúc phạm là được "
    "việc.",
    "boundaries.escalated_threat": "Sau khi bị đe dọa, cần gọi quản lý hoặc bảo vệ.",
    "boundaries.documented": "Sự việc không được ghi lại.",
    "boundaries.verified": "Yêu cầu của khách chưa được xác minh một cách lịch sự trước khi xử lý.",
    "boundaries.fair_remedy": "Mức bù đắp không công bằng so với thiệt hại: cao hơn hoặc thấp hơn "
    "nhiều so với giá trị thực.",
    "boundaries.explained": "Chưa giải thích cách bù đắp và giới hạn của nó.",
    "boundaries.held_line": "Khách đòi bao nhiêu trả bấy nhiêu, vượt quá thiệt hại, là không giữ "
    "được giới hạn công bằng.",
    "boundaries.no_accusation": "Buộc tội khách khi không có bằng chứng.",
    "boundaries.limits_held": "Giới hạn chưa được nói rõ và giữ vững.",
    "boundaries.no_concession": "Cứ mỗi lần khách nói “chưa đủ” lại nhượng thêm là dạy họ rằng cứ "
    "ép là được.",
    "boundaries.good": "Bình tĩnh, công bằng và kiên định.",
    # -- debrief -----------------------------------------------------------------------------------
    "better.choice": "Ở “{beat}”, chọn “{choice}” sẽ nâng điểm {dimension} từ {before} lên "
    "{after}.",
    "better.offer": "Ở “{beat}”, đề xuất {remedies} sẽ nâng điểm {dimension} từ {before} lên "
    "{after}.",
    "better.none": "Trong tình huống này, không có lựa chọn nào tốt hơn ở bước này.",
    "outcome.retained": "Giữ chân được khách.",
    "outcome.lost": "Mất khách vĩnh viễn.",
    "outcome.left": "Khách bỏ đi không nói một lời.",
    "outcome.tell_good": "Họ sẽ kể với {count} người rằng sự việc được xử lý tốt thế nào.",
    "outcome.tell_bad": "Họ sẽ kể với {count} người rằng mọi chuyện tệ đến mức nào.",
    "outcome.tell_none": "Họ sẽ không nhắc đến chuyện này.",
    "outcome.satisfaction": "Mức hài lòng {value}/100",
    # -- command line ------------------------------------------------------------------------------
    "cli.result": "Kết quả",
    "cli.scenario": "Tình huống",
    "cli.transcript": "Hội thoại",
    "cli.outcome": "Kết cục",
    "cli.customer": "Khách",
    "cli.you": "Bạn",
    "cli.offer": "Đề xuất",
    "cli.timeout": "(không trả lời trong {seconds} giây)",
    "cli.spent": "Đã chi {spent} {currency} (thẩm quyền {budget}); {minutes} phút trong tình huống",
    # -- terms used inside sentences ---------------------------------------------------------
    "term.responsibility": "nhận trách nhiệm",
    "term.repair": "đề nghị khắc phục",
    "term.regret": "bày tỏ sự tiếc nuối",
    "term.explanation": "giải thích",
    "term.repentance": "cam kết không tái diễn",
    "term.prevention": "điều sẽ thay đổi",
    "term.check-in": "liên hệ lại",
    "term.log": "ghi nhận sự cố",
    "term.thanks": "lời cảm ơn",
    "term.sep": ", ",
    # -- the game window ---------------------------------------------------------------------------
    "ui.title": "Luyện tập khắc phục sự cố dịch vụ",
    "ui.tagline": "Khi có sự cố, vài phút tiếp theo sẽ quyết định khách bỏ đi mãi mãi hay gắn bó "
    "trọn đời.",
    "ui.start": "Bắt đầu",
    "ui.language": "Ngôn ngữ: {name}",
    "ui.settings": "Cài đặt",
    "ui.leaderboard": "Bảng xếp hạng",
    "ui.quit": "Thoát",
    "ui.back": "Quay lại",
    "ui.continue": "Tiếp tục",
    "ui.keys_hint": "Phím số, hoặc phím mũi tên rồi Enter để chọn · Esc để quay lại",
    "ui.signin.title": "Đăng nhập",
    "ui.signin.name": "Tên của bạn",
    "ui.signin.cohort": "Mã lớp (do giảng viên cung cấp, không bắt buộc)",
    "ui.signin.name_needed": "Vui lòng nhập tên để tiếp tục.",
    "ui.signin.hint": "Tab để chuyển ô · Enter để tiếp tục",
    "ui.picker.title": "Chọn tình huống",
    "ui.picker.difficulty": "Độ khó: {value}",
    "ui.picker.industry": "Ngành: {value}",
    "ui.picker.all": "tất cả",
    "ui.picker.best": "Điểm cao nhất: {score}",
    "ui.picker.not_played": "Chưa chơi",
    "ui.picker.none": "Không có tình huống nào khớp với bộ lọc.",
    "ui.picker.hint": "↑↓ chọn · ←→ độ khó · Tab ngành · Enter mở",
    "ui.level": "Cấp {n}/5",
    "ui.briefing.title": "Tóm tắt tình huống",
    "ui.briefing.what": "Chuyện gì đã xảy ra",
    "ui.briefing.customer": "Khách hàng",
    "ui.briefing.authority": "Thẩm quyền của bạn",
    "ui.briefing.budget": "Bạn được chi tối đa {budget} {currency} mà không cần hỏi ý ai.",
    "ui.briefing.manager": "Có quản lý đang trực nếu bạn cần báo lên cấp trên.",
    "ui.briefing.no_manager": "Không có quản lý nào để báo lên.",
    "ui.briefing.targets": "Mục tiêu thời gian",
    "ui.briefing.targets_text": "Trả lời trong vòng {decide} giây; thừa nhận sự cố trong vòng "
    "{ack} phút; giải quyết xong trong vòng {resolve} phút.",
    "ui.briefing.begin": "Bắt đầu",
    "ui.briefing.unseen": "Khách chưa nói gì cả. Hãy để ý các dấu hiệu.",
    "ui.encounter.patience": "Kiên nhẫn",
    "ui.encounter.seconds": "{value} giây",
    "ui.encounter.clock": "Thời gian tình huống: {minutes} phút",
    "ui.encounter.budget": "Ngân sách: {spent} / {budget} {currency}",
    "ui.encounter.offer": "Đề xuất mục đã chọn ({count})",
    "ui.encounter.escalate": "Báo cấp trên",
    "ui.encounter.cost": "{cost} {currency}",
    "ui.encounter.over_budget": "Vượt thẩm quyền",
    "ui.encounter.pick_remedies": "Chọn một hoặc nhiều cách bù đắp (phím số hoặc nhấp chuột), "
    "rồi nhấn Enter để đề xuất.",
    "ui.encounter.you": "Bạn",
    "ui.encounter.waiting": "…",
    "ui.encounter.continue_hint": "Nhấn Enter hoặc nhấp chuột để tiếp tục",
    "ui.encounter.cues": "Bạn để ý thấy: {cues}",
    "ui.mood.pleased": "hài lòng",
    "ui.mood.calm": "bình tĩnh",
    "ui.mood.tense": "căng thẳng",
    "ui.mood.angry": "tức giận",
    "ui.mood.furious": "phẫn nộ",
    "ui.debrief.title": "Nhận xét",
    "ui.debrief.overall": "Điểm tổng thể {score}",
    "ui.debrief.principle": "Nguyên tắc: {text}",
    "ui.debrief.better": "Cách tốt hơn: {text}",
    "ui.debrief.outcome": "Khách hàng sau đó ra sao",
    "ui.debrief.transcript": "Hội thoại",
    "ui.debrief.took": "{seconds} giây",
    "ui.debrief.try_again": "Thử lại",
    "ui.debrief.next": "Tình huống tiếp theo",
    "ui.debrief.menu": "Các tình huống",
    "ui.debrief.saved": "Đã lưu vào bảng xếp hạng.",
    "ui.debrief.not_saved": "Chưa lưu: {reason}",
    "ui.board.title": "Bảng xếp hạng",
    "ui.board.scope_all": "Tất cả tình huống",
    "ui.board.rank": "#",
    "ui.board.trainee": "Học viên",
    "ui.board.cohort": "Lớp",
    "ui.board.scenario": "Tình huống",
    "ui.board.score": "Điểm",
    "ui.board.empty": "Chưa có lượt chơi nào. Hãy chơi một tình huống để có tên ở đây.",
    "ui.board.hint": "←→ đổi tình huống · Esc quay lại",
    "board.total_one": "tổng của 1 tình huống",
    "board.total": "tổng của {count} tình huống",
    "ui.settings.title": "Cài đặt",
    "ui.settings.text_size": "Cỡ chữ: {value}%",
    "ui.settings.contrast": "Độ tương phản cao: {value}",
    "ui.settings.motion": "Giảm chuyển động: {value}",
    "ui.settings.fullscreen": "Toàn màn hình: {value}",
    "ui.settings.on": "bật",
    "ui.settings.off": "tắt",
    "ui.settings.hint": "↑↓ chọn · ←→ hoặc Enter để đổi · Esc quay lại",
    "ui.lang.en": "English",
    "ui.lang.zh-Hans": "简体中文",
    "ui.lang.zh-Hant": "繁體中文",
    "ui.lang.vi": "Tiếng Việt",
    # -- trainer review --------------------------------------------------------------------------
    "ui.review": "Giảng viên xem lại",
    "ui.review.title": "Giảng viên xem lại",
    "ui.review.passphrase": "Mật khẩu giảng viên",
    "ui.review.unlock": "Mở khóa",
    "ui.review.no_store": "Chức năng xem lại cần cơ sở dữ liệu kết quả, nhưng không mở được.",
    "ui.review.cohort": "Khóa: {value}",
    "ui.review.all": "tất cả lượt chơi",
    "ui.review.none": "Khóa này chưa có lượt chơi nào.",
    "ui.review.hint": "↑↓ chọn lượt chơi · ←→ khóa · Enter xem lại · Esc quay lại",
    "ui.review.replay_hint": "↑↓ cuộn · gõ ghi chú rồi nhấn Enter để lưu · Esc quay lại",
    "ui.review.note": "Ghi chú",
    "ui.review.note_saved": "Đã lưu ghi chú.",
    "ui.review.anger": "mức giận {before} → {after}",
    "ui.review.integrity_ok": "Điểm đã được kiểm chứng",
    "ui.review.integrity_bad": "Điểm không khớp với bản phát lại: không xếp hạng",
    "ui.review.integrity_unverified": (
        "Chơi trên phiên bản tình huống chưa được giảng viên duyệt: không xếp hạng"
    ),
    "ui.review.notes": "Ghi chú",
}
