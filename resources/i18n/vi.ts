<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/gui/about.py" line="18"/>
        <source>installed app</source>
        <translation>bản cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/about.py" line="18"/>
        <source>from source</source>
        <translation>chạy từ mã nguồn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/about.py" line="20"/>
        <source>&lt;h3&gt;Hỗ trợ số {version}&lt;/h3&gt;&lt;p&gt;Records the help community digital-tech teams give residents, offline, and sends it to the ward.&lt;/p&gt;&lt;p&gt;Version {version} ({build}) · sync protocol {protocol}&lt;br&gt;Python {python}, {platform}&lt;/p&gt;&lt;p&gt;Data folder: {folder}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Hỗ trợ số {version}&lt;/h3&gt;&lt;p&gt;Ghi lại việc Tổ công nghệ số cộng đồng hỗ trợ người dân, không cần mạng, và gửi về phường.&lt;/p&gt;&lt;p&gt;Phiên bản {version} ({build}) · giao thức đồng bộ {protocol}&lt;br&gt;Python {python}, {platform}&lt;/p&gt;&lt;p&gt;Thư mục dữ liệu: {folder}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/about.py" line="36"/>
        <source>About Hỗ trợ số</source>
        <translation>Giới thiệu Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/about.py" line="39"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="156"/>
        <source>Hỗ trợ số — administration</source>
        <translation>Hỗ trợ số — quản trị</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="157"/>
        <source>&amp;Accounts</source>
        <translation>&amp;Tài khoản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="157"/>
        <source>&amp;Devices</source>
        <translation>&amp;Thiết bị</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="158"/>
        <source>&amp;Reference data</source>
        <translation>&amp;Dữ liệu tham chiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="158"/>
        <source>Audit &amp;log</source>
        <translation>&amp;Nhật ký hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="192"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="716"/>
        <source>who (user:canbo, device:…)</source>
        <translation>ai (user:canbo, device:…)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="718"/>
        <source>what (user., device., period.lock …)</source>
        <translation>việc gì (user., device., period.lock …)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="719"/>
        <source>on what</source>
        <translation>trên đối tượng nào</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="730"/>
        <source>any day</source>
        <translation>mọi ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="732"/>
        <source>&amp;Filter</source>
        <translation>&amp;Lọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="737"/>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Xuất CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="740"/>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="741"/>
        <source>Who</source>
        <translation>Ai</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="742"/>
        <source>What</source>
        <translation>Việc gì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="743"/>
        <source>On what</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="744"/>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="754"/>
        <source>from</source>
        <translation>từ ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="756"/>
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="804"/>
        <source>Save the audit log</source>
        <translation>Lưu nhật ký hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="817"/>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="820"/>
        <source>Exporting the audit log…</source>
        <translation>Đang xuất nhật ký hệ thống…</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="81"/>
        <source>&amp;Send</source>
        <translation>&amp;Gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="85"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="104"/>
        <source>This cannot be empty.</source>
        <translation>Không được để trống.</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="96"/>
        <source>Two laptops changed this record from the same version. Pick, for each field that differs, which value is right (or type it), then keep the result: it reaches every laptop holding the record.</source>
        <translation>Hai máy đã sửa bản ghi này từ cùng một phiên bản. Với mỗi trường khác nhau, hãy chọn giá trị đúng (hoặc gõ giá trị), rồi giữ kết quả: kết quả sẽ đến mọi máy đang giữ bản ghi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="99"/>
        <source>Show the fields that agree too</source>
        <translation>Hiện cả các trường giống nhau</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="100"/>
        <source>Comment for the volunteers (optional):</source>
        <translation>Nhận xét gửi tình nguyện viên (không bắt buộc):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="101"/>
        <source>&amp;Keep this result</source>
        <translation>&amp;Giữ kết quả này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="132"/>
        <source>Version A</source>
        <translation>Bản A</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="132"/>
        <source>Version B</source>
        <translation>Bản B</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="136"/>
        <source>Or type the right value</source>
        <translation>Hoặc gõ giá trị đúng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/conflict.py" line="177"/>
        <source>The two versions hold the same values; keeping the result clears the conflict.</source>
        <translation>Hai bản có cùng giá trị; giữ kết quả sẽ xoá đánh dấu xung đột.</translation>
    </message>
</context>
<context>
    <name>ConsentController</name>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="45"/>
        <source>Resident &amp;withdrew consent…</source>
        <translation>Người dân &amp;rút lại sự đồng ý…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="63"/>
        <source>Consent withdrawn</source>
        <translation>Rút lại sự đồng ý</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="64"/>
        <source>{name} withdrew their consent. Erase their name, CCCD, phone, address and notes from the {count} record(s) of theirs on this laptop?</source>
        <translation>{name} đã rút lại sự đồng ý. Xoá họ tên, số CCCD, số điện thoại, địa chỉ và ghi chú của người này khỏi {count} phiếu trên máy này?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="68"/>
        <source>The resident</source>
        <translation>Người dân</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="69"/>
        <source>The help stays counted. The ward erases its copies at the next sync; a record not sent yet reaches it only as a count, with no personal data. This cannot be undone.</source>
        <translation>Lượt hỗ trợ vẫn được tính. Phường xoá bản sao của mình ở lần đồng bộ tới; phiếu chưa gửi thì phường chỉ nhận số đếm, không có thông tin cá nhân. Không thể hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="74"/>
        <source>&amp;Erase their data</source>
        <translation>&amp;Xoá dữ liệu của họ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="76"/>
        <source>&amp;Keep</source>
        <translation>&amp;Giữ lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="93"/>
        <source>Personal data erased from {count} record(s); the ward is told at the next sync.</source>
        <translation>Đã xoá dữ liệu cá nhân khỏi {count} phiếu; phường được báo ở lần đồng bộ tới.</translation>
    </message>
</context>
<context>
    <name>CorrectionForm</name>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="206"/>
        <source>Comment (required):</source>
        <translation>Nhận xét (bắt buộc):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="207"/>
        <source>Why the ward changes this; the volunteer sees it on their laptop</source>
        <translation>Vì sao phường sửa; tình nguyện viên sẽ thấy trên máy của mình</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="209"/>
        <source>Save the &amp;correction</source>
        <translation>&amp;Lưu sửa đổi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="284"/>
        <source>Nothing has been changed yet.</source>
        <translation>Chưa sửa trường nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="287"/>
        <source>Write a comment: the volunteer sees why the ward changed their record.</source>
        <translation>Hãy ghi nhận xét: tình nguyện viên cần biết vì sao phường sửa bản ghi của họ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="295"/>
        <source>Fix the fields marked in red.</source>
        <translation>Hãy sửa các trường được đánh dấu đỏ.</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="379"/>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="380"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="381"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="382"/>
        <source>Last sync</source>
        <translation>Đồng bộ lần cuối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="383"/>
        <source>Records made / held</source>
        <translation>Phiếu đã tạo / đang giữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="385"/>
        <source>Reference data</source>
        <translation>Dữ liệu tham chiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="386"/>
        <source>Device id</source>
        <translation>Mã thiết bị</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="394"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="396"/>
        <source>Re&amp;voke…</source>
        <translation>&amp;Thu hồi…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="407"/>
        <source>Enrol a laptop</source>
        <translation>Đăng ký máy tính</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="415"/>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="417"/>
        <source>&amp;Issue a code</source>
        <translation>&amp;Cấp mã</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="434"/>
        <source>Neighbourhood:</source>
        <translation>Khu phố:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="435"/>
        <source>Volunteer:</source>
        <translation>Tình nguyện viên:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="436"/>
        <source>Code valid for:</source>
        <translation>Mã có hiệu lực trong:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="442"/>
        <source>Hand a record over to another laptop</source>
        <translation>Chuyển phiếu sang máy khác</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="446"/>
        <source>record id (from the review queue)</source>
        <translation>mã phiếu (lấy từ danh sách duyệt)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="450"/>
        <source>&amp;Hand over</source>
        <translation>&amp;Chuyển</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="454"/>
        <source>Record:</source>
        <translation>Phiếu:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="455"/>
        <source>To laptop:</source>
        <translation>Sang máy:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="467"/>
        <source>waiting for the laptop</source>
        <translation>chờ máy đăng ký</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="467"/>
        <source>code expired</source>
        <translation>mã đã hết hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="468"/>
        <source>enrolled</source>
        <translation>đã đăng ký</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="468"/>
        <source>revoked</source>
        <translation>đã thu hồi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="475"/>
        <source>not yet</source>
        <translation>chưa nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="478"/>
        <source>older version</source>
        <translation>bản cũ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="479"/>
        <source>received</source>
        <translation>đã nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="497"/>
        <source>Volunteer: write the name of the volunteer who will use the laptop.</source>
        <translation>Tình nguyện viên: hãy ghi tên người sẽ dùng máy này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="522"/>
        <source>On the laptop: Settings → Enrol, then type this code or scan the QR code. Valid once, until %1.</source>
        <translation>Trên máy tính: Cài đặt → Đăng ký, rồi gõ mã này hoặc quét mã QR. Dùng được một lần, đến %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="532"/>
        <source>Choose a device in the list first.</source>
        <translation>Hãy chọn một thiết bị trong danh sách trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="534"/>
        <source>Revoke the laptop</source>
        <translation>Thu hồi máy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="535"/>
        <source>Revoke the laptop of %1? It can no longer sync; its records stay on it and here.</source>
        <translation>Thu hồi máy của %1? Máy sẽ không đồng bộ được nữa; các phiếu vẫn còn trên máy và trên máy chủ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="542"/>
        <source>The laptop is revoked.</source>
        <translation>Đã thu hồi máy.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="552"/>
        <source>Record: paste the record&apos;s id, then choose the laptop that takes it over.</source>
        <translation>Phiếu: hãy dán mã phiếu, rồi chọn máy nhận phiếu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="559"/>
        <source>The record now belongs to the chosen laptop.</source>
        <translation>Phiếu đã được chuyển sang máy đã chọn.</translation>
    </message>
</context>
<context>
    <name>DuplicatesWindow</name>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="297"/>
        <source>Certain and likely</source>
        <translation>Chắc chắn và nhiều khả năng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="298"/>
        <source>All levels</source>
        <translation>Mọi mức</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="302"/>
        <source>All kinds</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="307"/>
        <source>Decided</source>
        <translation>Đã quyết định</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="308"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="314"/>
        <source>Hỗ trợ số — the same resident across records</source>
        <translation>Hỗ trợ số — cùng một cư dân trong nhiều bản ghi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="315"/>
        <source>Level:</source>
        <translation>Mức:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="316"/>
        <source>Kind:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="317"/>
        <source>Show:</source>
        <translation>Hiện:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="318"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="319"/>
        <source>&amp;Same person</source>
        <translation>&amp;Cùng một người</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="321"/>
        <source>The two records are about one resident: they count as one person in the reports. Both records and their histories are kept; Undo separates them again.</source>
        <translation>Hai bản ghi là của cùng một cư dân: báo cáo tính là một người. Cả hai bản ghi và lịch sử của chúng vẫn được giữ; Hoàn tác sẽ tách chúng ra lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="323"/>
        <source>&amp;Different people</source>
        <translation>&amp;Khác người</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="325"/>
        <source>Two different residents: this pair is never proposed again.</source>
        <translation>Hai cư dân khác nhau: cặp này sẽ không được đề xuất lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="326"/>
        <source>Double &amp;entry</source>
        <translation>Lần nhập &amp;trùng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="328"/>
        <source>The same help recorded twice (same person, same service, same day): the chosen record is left out of the counts.</source>
        <translation>Một lần hỗ trợ được ghi hai lần (cùng người, cùng dịch vụ, cùng ngày): bản ghi được chọn không được tính vào số liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="330"/>
        <source>&amp;Undo decision</source>
        <translation>&amp;Hoàn tác quyết định</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="380"/>
        <source> (scroll for more)</source>
        <translation> (cuộn xuống để xem thêm)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="383"/>
        <source>%1 pairs loaded</source>
        <translation>Đã tải %1 cặp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="426"/>
        <source>leave out record A</source>
        <translation>không tính bản ghi A</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="427"/>
        <source>leave out record B</source>
        <translation>không tính bản ghi B</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="488"/>
        <source>Decision undone: the pair is to decide again.</source>
        <translation>Đã hoàn tác: cặp này cần được quyết định lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="490"/>
        <source>Saved: the same person. The two records now count as one resident (Undo separates them).</source>
        <translation>Đã lưu: cùng một người. Hai bản ghi giờ được tính là một cư dân (Hoàn tác để tách ra).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="492"/>
        <source>Saved: different people. This pair will not be proposed again (Undo takes that back).</source>
        <translation>Đã lưu: khác người. Cặp này sẽ không được đề xuất lại (Hoàn tác để rút lại).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="494"/>
        <source>Saved: double entry. The chosen record is left out of the counts (Undo counts it again).</source>
        <translation>Đã lưu: lần nhập trùng. Bản ghi được chọn không được tính vào số liệu (Hoàn tác để tính lại).</translation>
    </message>
</context>
<context>
    <name>EntryController</name>
    <message>
        <location filename="../../desktop/gui/entry.py" line="100"/>
        <source>Unsaved record</source>
        <translation>Phiếu chưa lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="101"/>
        <source>The form has changes that are not saved yet. Save them first?</source>
        <translation>Phiếu đang có thay đổi chưa được lưu. Lưu trước không?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="104"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="106"/>
        <source>&amp;Discard</source>
        <translation>&amp;Bỏ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="108"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Huỷ</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="126"/>
        <source>Search name, CCCD, phone or dossier code (Ctrl+F)</source>
        <extracomment>Characters a filter combo shows before it elides; its list opens as wide as its items.</extracomment>
        <translation>Tìm theo tên, số CCCD, số điện thoại hoặc mã hồ sơ (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="127"/>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="128"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="129"/>
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="133"/>
        <source>All neighbourhoods</source>
        <translation>Mọi khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="135"/>
        <source>All kinds of help</source>
        <translation>Mọi nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="137"/>
        <source>All results</source>
        <translation>Mọi kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="139"/>
        <source>Drafts and final</source>
        <translation>Nháp và hoàn tất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="141"/>
        <source>Any sync state</source>
        <translation>Mọi trạng thái gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="177"/>
        <source>Write dates as dd/mm/yyyy, e.g. 01/05/2026.</source>
        <translation>Hãy viết ngày theo dạng ngày/tháng/năm, ví dụ 01/05/2026.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="110"/>
        <source>Welcome to Hỗ trợ số</source>
        <translation>Chào mừng đến với Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="112"/>
        <source>Before the first record, tell the app who you are and where you work. You can change this later in Settings.</source>
        <translation>Trước phiếu đầu tiên, hãy cho ứng dụng biết bạn là ai và làm việc ở khu phố nào. Bạn có thể đổi lại sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="114"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="115"/>
        <source>Your &amp;name</source>
        <translation>&amp;Họ tên của bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="116"/>
        <source>&amp;Neighbourhood</source>
        <translation>&amp;Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="117"/>
        <source>Ward &amp;server (optional)</source>
        <translation>&amp;Máy chủ của phường (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="118"/>
        <source>Leave empty if the ward has not given you an address.</source>
        <translation>Để trống nếu phường chưa cho bạn địa chỉ máy chủ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="119"/>
        <source>&amp;Start</source>
        <translation>&amp;Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="134"/>
        <source>Enter your full name: it is written on every record you make.</source>
        <translation>Hãy nhập họ tên của bạn: tên này được ghi trên mọi phiếu bạn lập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="137"/>
        <source>Choose the neighbourhood you work in.</source>
        <translation>Hãy chọn khu phố bạn phụ trách.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="140"/>
        <source>Write the server address like https://hotroso.example.vn (or leave it empty).</source>
        <translation>Hãy viết địa chỉ máy chủ dạng https://hotroso.example.vn (hoặc để trống).</translation>
    </message>
</context>
<context>
    <name>FollowUpsDialog</name>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="132"/>
        <source>Follow-ups</source>
        <translation>Việc cần theo dõi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="159"/>
        <source>{count} residents to follow up, {overdue} overdue (today is {today}). Enter opens the record.</source>
        <translation>{count} người cần theo dõi, {overdue} đã quá hạn (hôm nay là {today}). Nhấn Enter để mở phiếu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="146"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="43"/>
        <source>Due</source>
        <translation>Hẹn ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="44"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="45"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="46"/>
        <source>Help</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="47"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="98"/>
        <source>(overdue)</source>
        <translation>(quá hạn)</translation>
    </message>
</context>
<context>
    <name>FoundLink</name>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="62"/>
        <source>Same person</source>
        <extracomment>The last link made here, until it is undone.</extracomment>
        <translation>Cùng một người</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="63"/>
        <source>Link these two records as one resident?

• {a}
• {b}</source>
        <translation>Liên kết hai phiếu này thành một cư dân?

• {a}
• {b}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="66"/>
        <source>Both records and their histories are kept; the reports count one resident. Undo takes it back.</source>
        <translation>Cả hai phiếu và lịch sử của chúng vẫn được giữ; báo cáo tính là một cư dân. Bấm Hoàn tác để lấy lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="69"/>
        <source>&amp;Link as one resident</source>
        <translation>&amp;Liên kết thành một cư dân</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="71"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="85"/>
        <source>Linked as one resident: {a} and {b}.</source>
        <translation>Đã liên kết thành một cư dân: {a} và {b}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/link_found.py" line="101"/>
        <source>The link was undone: two residents again.</source>
        <translation>Đã hoàn tác liên kết: lại là hai cư dân.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="27"/>
        <source>created</source>
        <translation>tạo mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="28"/>
        <source>imported</source>
        <translation>nhập từ tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="29"/>
        <source>changed</source>
        <translation>sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="30"/>
        <source>deleted</source>
        <translation>xoá</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="31"/>
        <source>restored / undone</source>
        <translation>khôi phục / hoàn tác</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="40"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="42"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="54"/>
        <source>Record history</source>
        <translation>Lịch sử phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>When</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>Who</source>
        <translation>Người sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>Before</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="60"/>
        <source>After</source>
        <translation>Sau</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="75"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="52"/>
        <source>Import report</source>
        <translation>Kết quả nhập tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="54"/>
        <source>File: {name}</source>
        <translation>Tệp: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="55"/>
        <source>Rows read: {rows}. Stored: {stored}. Already in this laptop: {present}. Rejected: {rejected}.</source>
        <translation>Đã đọc {rows} dòng. Đã lưu: {stored}. Đã có trên máy: {present}. Bị từ chối: {rejected}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="60"/>
        <source>The import was cancelled; the rows stored so far are kept.</source>
        <translation>Đã huỷ nhập tệp; các dòng đã lưu trước đó vẫn được giữ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="63"/>
        <source>{count} rows had consent but no consent time or notice version: they were given the time of this import and the notice in force.</source>
        <translation>{count} dòng có đồng ý nhưng không ghi thời điểm hoặc phiên bản thông báo: đã ghi thời điểm nhập tệp và thông báo đang áp dụng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="67"/>
        <source>Columns not recognised (ignored): {columns}</source>
        <translation>Cột không nhận ra (bỏ qua): {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="74"/>
        <source>Line</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="74"/>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="75"/>
        <source>What to fix</source>
        <translation>Cần sửa gì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="85"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="217"/>
        <source>Hỗ trợ số — {name}</source>
        <extracomment>The window&apos;s smallest size: it fits a 1280×720 screen (and 1920×1080 at 150 %). Opening size on a first start on a large screen. Screens up to this size get the window maximised at the first start.</extracomment>
        <translation>Hỗ trợ số — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_actions.py" line="82"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_actions.py" line="83"/>
        <source>&amp;Record</source>
        <translation>&amp;Phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_actions.py" line="84"/>
        <source>&amp;Meeting</source>
        <translation>&amp;Buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_actions.py" line="85"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_actions.py" line="86"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_actions.py" line="87"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="221"/>
        <source>&amp;New record</source>
        <translation>Phiếu &amp;mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="222"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="223"/>
        <source>Save &amp;&amp; &amp;next</source>
        <translation>Lưu &amp;&amp; nhập &amp;tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="224"/>
        <source>Save as &amp;draft</source>
        <translation>Lưu &amp;nháp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="231"/>
        <source>Open the &amp;log folder</source>
        <translation>Mở thư mục &amp;nhật ký</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="50"/>
        <source>&amp;Undo last save or delete</source>
        <translation>&amp;Hoàn tác lần lưu hoặc xoá gần nhất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="51"/>
        <source>&amp;Delete record…</source>
        <translation>&amp;Xoá phiếu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="225"/>
        <source>Record &amp;history…</source>
        <translation>&amp;Lịch sử phiếu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="226"/>
        <source>&amp;Find</source>
        <translation>&amp;Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="227"/>
        <source>Go to the &amp;list</source>
        <translation>Về &amp;danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="120"/>
        <source>&amp;Import from file…</source>
        <translation>&amp;Nhập từ tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="121"/>
        <source>&amp;Export to file…</source>
        <translation>&amp;Xuất ra tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="228"/>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_meetings.py" line="56"/>
        <source>&amp;Start a meeting…</source>
        <translation>&amp;Bắt đầu buổi họp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_meetings.py" line="57"/>
        <source>&amp;End the meeting and show the summary</source>
        <translation>&amp;Kết thúc buổi họp và xem tổng kết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_meetings.py" line="58"/>
        <source>&amp;Follow-ups…</source>
        <translation>Việc cần &amp;theo dõi…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="118"/>
        <source>S&amp;ync now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="119"/>
        <source>Sync &amp;history…</source>
        <translation>&amp;Lịch sử đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="120"/>
        <source>Export data &amp;bundle (USB)…</source>
        <translation>Xuất &amp;gói dữ liệu (USB)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="229"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="230"/>
        <source>&amp;About Hỗ trợ số</source>
        <translation>&amp;Giới thiệu Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="117"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="134"/>
        <source>The ward has withdrawn this laptop&apos;s access; see Settings.</source>
        <translation>Phường đã thu hồi quyền truy cập của máy này; xem phần Cài đặt.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="152"/>
        <source>The ward has withdrawn this laptop&apos;s access to the server, so nothing more is sent. All your records are still here. Ask ward staff for a new one-time code and enrol again in Settings (Ctrl+,).</source>
        <translation>Phường đã thu hồi quyền truy cập máy chủ của máy này nên không gửi thêm được gì. Mọi phiếu của bạn vẫn còn nguyên trên máy. Hãy xin cán bộ phường mã đăng ký mới rồi đăng ký lại trong Cài đặt (Ctrl+,).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="139"/>
        <source>Send new and changed records to the ward and get its answers (F5)</source>
        <translation>Gửi các phiếu mới và đã sửa lên phường, nhận phản hồi của phường (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="144"/>
        <source>Sending to the ward is not set up on this laptop yet; records stay safe here until it is. Open Settings to enrol (Ctrl+,).</source>
        <translation>Máy này chưa được thiết lập để gửi lên phường; các phiếu vẫn an toàn trên máy cho đến khi thiết lập. Mở Cài đặt để đăng ký (Ctrl+,).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="179"/>
        <source>A sync is running already.</source>
        <translation>Đang đồng bộ rồi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="185"/>
        <location filename="../../desktop/gui/main_sync.py" line="236"/>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="189"/>
        <source>This laptop is not enrolled with the ward server yet. Your records are safe here. Open Settings, enter the ward&apos;s address and the one-time code from ward staff, then sync.</source>
        <translation>Máy này chưa đăng ký với máy chủ phường. Các phiếu của bạn vẫn an toàn trên máy. Hãy mở Cài đặt, nhập địa chỉ máy chủ phường và mã đăng ký dùng một lần do cán bộ phường cấp, rồi đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="194"/>
        <source>Open Settings</source>
        <translation>Mở Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="196"/>
        <location filename="../../desktop/gui/main_sync.py" line="238"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="211"/>
        <source>Sync failed.</source>
        <translation>Đồng bộ không thành công.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="224"/>
        <location filename="../../desktop/gui/main_sync.py" line="230"/>
        <source>Last sync: {summary}</source>
        <translation>Lần đồng bộ vừa rồi: {summary}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="242"/>
        <source>{count} records need attention: they are marked in the list with the ward&apos;s reason.</source>
        <translation>{count} phiếu cần xử lý: chúng được đánh dấu trong danh sách kèm lý do của phường.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="250"/>
        <source>The ward server cannot be reached (no connection). Your records are safe on this laptop.</source>
        <translation>Không kết nối được máy chủ phường (không có mạng). Các phiếu vẫn an toàn trên máy này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="257"/>
        <source>Next automatic try at {time}.</source>
        <translation>Tự thử lại lúc {time}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="80"/>
        <source>What you were typing when the app closed has been put back. Save it or press New record to discard it.</source>
        <translation>Nội dung bạn đang nhập khi ứng dụng đóng đã được khôi phục. Hãy lưu, hoặc bấm Phiếu mới để bỏ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_panel.py" line="149"/>
        <source>Sorting the list…</source>
        <extracomment>Starting column widths; a column is never narrower than its header needs.</extracomment>
        <translation>Đang sắp xếp danh sách…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_panel.py" line="178"/>
        <source>Helped today: {today} · this week: {week} · this month: {month}</source>
        <translation>Đã hỗ trợ hôm nay: {today} · tuần này: {week} · tháng này: {month}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_panel.py" line="183"/>
        <source>{count} records in the list</source>
        <translation>{count} phiếu trong danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="136"/>
        <source>That record no longer exists.</source>
        <translation>Phiếu này không còn nữa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="177"/>
        <source>The ward server did not accept this record.</source>
        <translation>Máy chủ phường chưa nhận phiếu này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="178"/>
        <source>Needs attention — the ward says: {message}
Correct the record and save it: it is sent again at the next sync.</source>
        <translation>Cần xử lý — phường cho biết: {message}
Hãy sửa phiếu rồi lưu: phiếu sẽ được gửi lại ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="150"/>
        <source>Saved: {name}</source>
        <translation>Đã lưu: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/entry.py" line="151"/>
        <source>(no name)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_consent.py" line="52"/>
        <location filename="../../desktop/gui/main_undo.py" line="57"/>
        <location filename="../../desktop/gui/main_window.py" line="300"/>
        <source>Choose a record in the list first.</source>
        <translation>Hãy chọn một phiếu trong danh sách trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="62"/>
        <source>Delete record</source>
        <translation>Xoá phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="63"/>
        <source>Delete this record? It is kept as deleted, so the ward learns of it at the next sync, and you can undo with Ctrl+Z.</source>
        <translation>Xoá phiếu này? Phiếu được giữ lại với dấu “đã xoá” để phường biết ở lần gửi tới, và bạn có thể hoàn tác bằng Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="67"/>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="69"/>
        <source>Keep it</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="79"/>
        <source>Deleted. Ctrl+Z brings it back.</source>
        <translation>Đã xoá. Nhấn Ctrl+Z để lấy lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="83"/>
        <source>Nothing to undo.</source>
        <translation>Không có gì để hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_undo.py" line="84"/>
        <source>Undone.</source>
        <translation>Đã hoàn tác.</translation>
    </message>
</context>
<context>
    <name>MeetingSummary</name>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="122"/>
        <source>Meeting summary</source>
        <translation>Tổng kết buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="123"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="124"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="125"/>
        <source>Host</source>
        <translation>Người chủ trì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="126"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="127"/>
        <source>{residents} residents helped ({records} records)</source>
        <translation>Đã hỗ trợ {residents} người ({records} phiếu)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="128"/>
        <source>{count} residents declined the help offered</source>
        <translation>{count} người từ chối được hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="129"/>
        <source>Results</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="130"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="131"/>
        <source>Records</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="132"/>
        <source>(no result yet)</source>
        <translation>(chưa có kết quả)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="133"/>
        <source>No record was entered during this meeting.</source>
        <translation>Chưa có phiếu nào được nhập trong buổi họp này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="134"/>
        <source>Help given</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="135"/>
        <source>Left to follow up</source>
        <translation>Còn phải theo dõi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="136"/>
        <source>Resident</source>
        <translation>Người dân</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="137"/>
        <source>Help</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="138"/>
        <source>Due</source>
        <translation>Hẹn ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="139"/>
        <source>Nothing left to follow up.</source>
        <translation>Không còn việc phải theo dõi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="140"/>
        <source>(no name)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="193"/>
        <source>(not chosen yet)</source>
        <translation>(chưa chọn)</translation>
    </message>
</context>
<context>
    <name>MeetingSummaryDialog</name>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="205"/>
        <location filename="../../desktop/gui/meeting.py" line="255"/>
        <source>Meeting summary</source>
        <translation>Tổng kết buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="219"/>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="221"/>
        <source>Save as P&amp;DF…</source>
        <translation>Lưu thành &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="223"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="260"/>
        <source>Saved to {path}. &lt;a href=&quot;{folder}&quot;&gt;Open the folder&lt;/a&gt;</source>
        <translation>Đã lưu vào {path}. &lt;a href=&quot;{folder}&quot;&gt;Mở thư mục&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="265"/>
        <source>Save the summary</source>
        <translation>Lưu bản tổng kết</translation>
    </message>
</context>
<context>
    <name>PairView</name>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="103"/>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="103"/>
        <source>Record A</source>
        <translation>Bản ghi A</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="103"/>
        <source>Record B</source>
        <translation>Bản ghi B</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="107"/>
        <source>Choose a pair on the left to compare its two records.</source>
        <translation>Chọn một cặp bên trái để so sánh hai bản ghi của nó.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="120"/>
        <source>%1 · score %2 of 100 · %3 · %4</source>
        <translation>%1 · điểm %2/100 · %3 · %4</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="130"/>
        <source>Why:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="139"/>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="152"/>
        <source>The two records differ here.</source>
        <translation>Hai bản ghi khác nhau ở trường này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="160"/>
        <source>left out of counts</source>
        <translation>không tính vào số liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/duplicates.py" line="162"/>
        <source>linked</source>
        <translation>đã liên kết</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="98"/>
        <source>Choose a passphrase for the data</source>
        <translation>Đặt mật khẩu cho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="100"/>
        <source>The records on this laptop are encrypted. Choose a passphrase of at least {n} characters: it will be asked for each time the app starts.</source>
        <translation>Các phiếu trên máy này được mã hoá. Hãy đặt một mật khẩu có ít nhất {n} ký tự: mật khẩu sẽ được hỏi mỗi lần mở ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="103"/>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="114"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="104"/>
        <source>&amp;Again</source>
        <translation>Nhập &amp;lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="106"/>
        <source>Nobody can reset a forgotten passphrase, not even the ward: without it the records on this laptop cannot be read. Records already sent to the ward are safe there.</source>
        <translation>Không ai đặt lại được mật khẩu đã quên, kể cả phường: thiếu nó thì không đọc được các phiếu trên máy này. Các phiếu đã gửi về phường vẫn an toàn ở đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="109"/>
        <source>&amp;Use this passphrase</source>
        <translation>&amp;Dùng mật khẩu này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="111"/>
        <source>Open the data</source>
        <translation>Mở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="113"/>
        <source>The records on this laptop are locked with a passphrase. Type it to open them.</source>
        <translation>Các phiếu trên máy này được khoá bằng mật khẩu. Hãy gõ mật khẩu để mở.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="115"/>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="116"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/passphrase_dialog.py" line="129"/>
        <source>Type the passphrase.</source>
        <translation>Hãy gõ mật khẩu.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="89"/>
        <source>Week of</source>
        <translation>Tuần có ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="89"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="89"/>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="90"/>
        <source>First 6 months of</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="90"/>
        <source>Last 6 months of</source>
        <translation>6 tháng cuối năm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="90"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="91"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="99"/>
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="109"/>
        <source>Month %1</source>
        <translation>Tháng %1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/period_picker.py" line="114"/>
        <source>Quarter %1</source>
        <translation>Quý %1</translation>
    </message>
</context>
<context>
    <name>PersonalExportWarning</name>
    <message>
        <location filename="../../desktop/gui/export_warning.py" line="26"/>
        <source>Export personal data?</source>
        <translation>Xuất dữ liệu cá nhân?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/export_warning.py" line="30"/>
        <source>File: {name}. The export is recorded in this laptop&apos;s log.</source>
        <translation>Tệp: {name}. Việc xuất tệp được ghi vào nhật ký của máy này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/export_warning.py" line="32"/>
        <source>&amp;Export anyway</source>
        <translation>&amp;Vẫn xuất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/export_warning.py" line="35"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>ProtectionChoiceBox</name>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="86"/>
        <source>Protecting the records on this laptop</source>
        <translation>Bảo vệ các phiếu trên máy này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="87"/>
        <source>&amp;This computer keeps the key: nothing to type</source>
        <translation>Máy tính này &amp;giữ khoá: không phải gõ gì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="88"/>
        <source>A &amp;passphrase asked at each start</source>
        <translation>Mật khẩu hỏi mỗi &amp;lần mở</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="89"/>
        <source>New passphrase</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="90"/>
        <source>Again</source>
        <translation>Nhập lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="107"/>
        <source>This copy of the app runs from a USB stick, which moves between computers: only a passphrase can protect it.</source>
        <translation>Ứng dụng này chạy từ USB, mang từ máy này sang máy khác: chỉ mật khẩu mới bảo vệ được.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="110"/>
        <source>This computer has no keyring to keep the key in: only a passphrase can protect the records.</source>
        <translation>Máy này không có kho khoá để giữ khoá: chỉ mật khẩu mới bảo vệ được các phiếu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="113"/>
        <source>For a laptop several volunteers share. Nobody can reset a forgotten passphrase: without it the records on this laptop cannot be read. Records already sent to the ward are safe there.</source>
        <translation>Cho máy nhiều tình nguyện viên dùng chung. Không ai đặt lại được mật khẩu đã quên: thiếu nó thì không đọc được các phiếu trên máy này. Các phiếu đã gửi về phường vẫn an toàn ở đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="117"/>
        <source>For a laptop used by one volunteer with their own Windows account: anyone who can log in to it can open the app.</source>
        <translation>Cho máy một tình nguyện viên dùng, với tài khoản Windows riêng: ai đăng nhập được tài khoản đó đều mở được ứng dụng.</translation>
    </message>
</context>
<context>
    <name>ProtectionDialog</name>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="178"/>
        <source>Data protection</source>
        <translation>Bảo vệ dữ liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="179"/>
        <source>&amp;Apply</source>
        <translation>Á&amp;p dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="180"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="190"/>
        <source>The records on this laptop are encrypted with a key kept by this computer&apos;s keyring.</source>
        <translation>Các phiếu trên máy này được mã hoá bằng khoá do kho khoá của máy tính giữ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="193"/>
        <source>The records on this laptop are encrypted with a passphrase asked at each start.</source>
        <translation>Các phiếu trên máy này được mã hoá bằng mật khẩu hỏi mỗi lần mở.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="211"/>
        <source>Nothing to change.</source>
        <translation>Không có gì để thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="223"/>
        <source>Done: the records were encrypted again, checked, and the old copy removed.</source>
        <translation>Xong: các phiếu đã được mã hoá lại, kiểm tra, và bản cũ đã được xoá.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="233"/>
        <source>The protection was not changed.</source>
        <translation>Cách bảo vệ chưa được thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/protection_choice.py" line="238"/>
        <source>Encrypting the records again…</source>
        <translation>Đang mã hoá lại các phiếu…</translation>
    </message>
</context>
<context>
    <name>QueueFilterRow</name>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="80"/>
        <source>All neighbourhoods</source>
        <translation>Mọi khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="84"/>
        <source>All kinds of help</source>
        <translation>Mọi nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="88"/>
        <source>All results</source>
        <translation>Mọi kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="92"/>
        <source>Any time</source>
        <translation>Mọi thời gian</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="92"/>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="93"/>
        <source>Last month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="94"/>
        <source>This quarter</source>
        <translation>Quý này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="94"/>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_filters.py" line="99"/>
        <source>Volunteer (full name, Enter)</source>
        <translation>Tình nguyện viên (họ tên đầy đủ, Enter)</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="398"/>
        <source>Date or year of birth</source>
        <extracomment>Where the form reads the reference data in force (the application layer&apos;s ``reference``).</extracomment>
        <translation>Ngày sinh hoặc năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="400"/>
        <source>dd/mm/yyyy, or only the year (yyyy)</source>
        <translation>ngày/tháng/năm, hoặc chỉ năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="401"/>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="402"/>
        <source>9 digits (old card)</source>
        <translation>9 chữ số (thẻ cũ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="403"/>
        <source>e.g. 0912 345 678</source>
        <translation>ví dụ 0912 345 678</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="405"/>
        <source>Type to search: code or name, accents optional</source>
        <translation>Gõ để tìm: mã hoặc tên thủ tục, có dấu hay không đều được</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="407"/>
        <source>When and where</source>
        <translation>Thời gian và nơi hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="408"/>
        <source>The resident</source>
        <translation>Người được hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="409"/>
        <source>Help given</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="410"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="411"/>
        <source>Consent</source>
        <translation>Sự đồng ý</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="412"/>
        <source>The resident agrees, after hearing the notice above</source>
        <translation>Người dân đồng ý, sau khi đã nghe thông báo trên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="414"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="415"/>
        <source>Save as final (Ctrl+S)</source>
        <translation>Lưu phiếu hoàn tất (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="416"/>
        <source>Save &amp;&amp; &amp;next</source>
        <translation>Lưu &amp;&amp; nhập &amp;tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="418"/>
        <source>Save, then start the next resident with the same neighbourhood, help and meeting (Ctrl+Enter)</source>
        <translation>Lưu, rồi nhập người tiếp theo với cùng khu phố, nội dung hỗ trợ và buổi họp (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="420"/>
        <source>Save &amp;draft</source>
        <translation>Lưu &amp;nháp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="422"/>
        <source>Save what is there now, even if incomplete (Ctrl+Shift+S)</source>
        <translation>Lưu những gì đã nhập, kể cả khi chưa đủ (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="423"/>
        <location filename="../../desktop/gui/record_form.py" line="426"/>
        <source>&amp;New record</source>
        <translation>Phiếu &amp;mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="424"/>
        <source>Start an empty record (Ctrl+N)</source>
        <translation>Bắt đầu một phiếu trống (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="425"/>
        <source>&amp;Edit this record</source>
        <translation>&amp;Sửa phiếu này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="620"/>
        <source>Saved: {name}. To enter the next resident press New record (Ctrl+N); to change this record press Edit.</source>
        <translation>Đã lưu: {name}. Để nhập người tiếp theo, bấm Phiếu mới (Ctrl+N); để sửa phiếu này, bấm Sửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="638"/>
        <source>New record</source>
        <translation>Phiếu mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="640"/>
        <source>Saved: {name}</source>
        <translation>Đã lưu: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="644"/>
        <source>Editing: {name} ({status})</source>
        <translation>Đang sửa: {name} ({status})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/gui/record_form.py" line="786"/>
        <source>Not saved yet: %n thing(s) to fix.</source>
        <translation>
            <numerusform>Chưa lưu được: còn %n chỗ cần sửa.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="618"/>
        <location filename="../../desktop/gui/record_form.py" line="641"/>
        <location filename="../../desktop/gui/record_form.py" line="645"/>
        <source>no name</source>
        <translation>chưa có tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="652"/>
        <source>Meeting in progress: {title}. New records belong to it.</source>
        <translation>Đang họp: {title}. Phiếu mới thuộc buổi họp này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/form_duplicates.py" line="72"/>
        <source>the same CCCD number</source>
        <translation>cùng số CCCD</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/form_duplicates.py" line="73"/>
        <source>the same name and birth year</source>
        <translation>cùng họ tên và năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/form_duplicates.py" line="74"/>
        <source>This laptop already has a record with {reason}: {name}, helped on {day}. &lt;a href=&quot;{id}&quot;&gt;Open that record&lt;/a&gt;</source>
        <translation>Máy này đã có phiếu với {reason}: {name}, hỗ trợ ngày {day}. &lt;a href=&quot;{id}&quot;&gt;Mở phiếu đó&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="46"/>
        <source>Date</source>
        <extracomment>(column key, English source of the header; translated in :func:`header_text`)</extracomment>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="47"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="48"/>
        <source>Born</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="49"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="50"/>
        <source>Help</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="51"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="52"/>
        <source>Record</source>
        <translation>Phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="53"/>
        <source>Sync</source>
        <translation>Gửi lên phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="58"/>
        <source>Only on this laptop</source>
        <extracomment>Sync-state value -&gt; English source text (see :func:`sync_state_text`).</extracomment>
        <translation>Chỉ trên máy này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="59"/>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="60"/>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="61"/>
        <source>Needs attention</source>
        <translation>Cần xử lý</translation>
    </message>
</context>
<context>
    <name>ReferenceTab</name>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="579"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="580"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="581"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="588"/>
        <source>Neighbourhoods</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="589"/>
        <source>Kinds of help</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="590"/>
        <source>Procedures</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="599"/>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="600"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="601"/>
        <source>Has received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="601"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="602"/>
        <source>no (older version)</source>
        <translation>chưa (bản cũ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="603"/>
        <source>not yet</source>
        <translation>chưa nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="604"/>
        <source>Last sync</source>
        <translation>Đồng bộ lần cuối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="609"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="611"/>
        <source>&amp;Publish new data…</source>
        <translation>Đăng &amp;dữ liệu mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="615"/>
        <source>Laptops receive the published reference data at their next sync. To publish new data, choose the folder of its five files (ward, categories, procedures, provinces, consent .toml, as “hotroso-server publish-reference” reads them); raise the version of each file you changed.</source>
        <translation>Các máy nhận dữ liệu tham chiếu đã đăng ở lần đồng bộ tới. Để đăng dữ liệu mới, hãy chọn thư mục chứa năm tệp của nó (ward, categories, procedures, provinces, consent .toml, như lệnh “hotroso-server publish-reference” đọc); hãy tăng phiên bản (version) của mỗi tệp đã sửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="652"/>
        <source>The folder of the reference data files</source>
        <translation>Thư mục chứa các tệp dữ liệu tham chiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="668"/>
        <source>Nothing was published: the files have a problem — %1. Fix the file and try again.</source>
        <translation>Chưa đăng gì: các tệp có lỗi — %1. Hãy sửa tệp rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="674"/>
        <source>Nothing was published: these files are the version in force (%1). Raise the version of each file you changed.</source>
        <translation>Chưa đăng gì: các tệp này là phiên bản đang dùng (%1). Hãy tăng phiên bản (version) của mỗi tệp đã sửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="680"/>
        <source>Publishing the reference data…</source>
        <translation>Đang đăng dữ liệu tham chiếu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="685"/>
        <source>Published %1: laptops receive it at their next sync.</source>
        <translation>Đã đăng %1: các máy nhận được ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="693"/>
        <source>Publish reference data</source>
        <translation>Đăng dữ liệu tham chiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="694"/>
        <source>Publish version %1 to every laptop? %2 neighbourhoods in force, %3 kinds of help, %4 procedures. Laptops receive it at their next sync.</source>
        <translation>Đăng phiên bản %1 cho mọi máy? %2 khu phố đang dùng, %3 nội dung hỗ trợ, %4 thủ tục. Các máy nhận được ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="622"/>
        <source>What each laptop has received:</source>
        <translation>Từng máy đã nhận đến đâu:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="638"/>
        <source>In force: %1 (published %2)</source>
        <translation>Đang áp dụng: %1 (công bố %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="641"/>
        <source>shipped with the server</source>
        <translation>kèm theo máy chủ</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="74"/>
        <source>Records per neighbourhood</source>
        <translation>Số lượt hỗ trợ theo khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="76"/>
        <source>This period</source>
        <translation>Kỳ này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="78"/>
        <source>Previous period</source>
        <translation>Kỳ trước</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="98"/>
        <source>Trend per week</source>
        <translation>Xu hướng theo tuần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="99"/>
        <source>Trend per month</source>
        <translation>Xu hướng theo tháng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="101"/>
        <source>Records</source>
        <translation>Lượt hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_charts.py" line="104"/>
        <source>Online dossiers</source>
        <translation>Hồ sơ trực tuyến</translation>
    </message>
</context>
<context>
    <name>ReportModels</name>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="49"/>
        <source>new</source>
        <extracomment>Which figure a column shows (the drill-down lists the records behind any of them).</extracomment>
        <translation>mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="83"/>
        <source>Row</source>
        <translation>Mục</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="83"/>
        <source>Records</source>
        <translation>Lượt hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="84"/>
        <source>Previous period</source>
        <translation>Kỳ trước</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="85"/>
        <source>Change</source>
        <translation>Tăng/giảm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="85"/>
        <source>Residents</source>
        <translation>Người dân</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="86"/>
        <source>Online dossiers</source>
        <translation>Hồ sơ trực tuyến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="107"/>
        <source>Double-click to list the records behind it</source>
        <translation>Nhấp đúp để xem các phiếu tạo nên số này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="140"/>
        <source>Helped on</source>
        <translation>Ngày hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="140"/>
        <source>Resident</source>
        <translation>Người dân</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="141"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="142"/>
        <source>Kind of help</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="142"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="143"/>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="143"/>
        <source>Review</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/report_models.py" line="152"/>
        <source>Changed after the period was locked</source>
        <translation>Đã thay đổi sau khi chốt số liệu</translation>
    </message>
</context>
<context>
    <name>ReportSettingsDialog</name>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="542"/>
        <source>Report header and signature</source>
        <translation>Phần đầu và chữ ký của báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="554"/>
        <source>Issuing body (one line each):</source>
        <translation>Cơ quan ban hành (mỗi dòng một ý):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="555"/>
        <source>Report number:</source>
        <translation>Số báo cáo:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="556"/>
        <source>Symbol:</source>
        <translation>Ký hiệu:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="557"/>
        <source>Place (ward name):</source>
        <translation>Địa danh (tên phường):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="558"/>
        <source>Signer&apos;s title (one line each):</source>
        <translation>Chức vụ người ký (mỗi dòng một ý):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="559"/>
        <source>Signer&apos;s name:</source>
        <translation>Họ tên người ký:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="560"/>
        <source>Subject:</source>
        <translation>Trích yếu:</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="241"/>
        <source>Hỗ trợ số — reports</source>
        <translation>Hỗ trợ số — báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="243"/>
        <source>&amp;Show report</source>
        <translation>&amp;Xem báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="244"/>
        <source>By:</source>
        <translation>Theo:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="245"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="245"/>
        <source>Kind of help</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="246"/>
        <source>Procedure (online level)</source>
        <translation>Thủ tục (mức độ trực tuyến)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="246"/>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="246"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="247"/>
        <source>Place</source>
        <translation>Nơi hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="256"/>
        <source>&amp;Neighbourhoods</source>
        <translation>&amp;Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="257"/>
        <source>T&amp;rend</source>
        <translation>Xu &amp;hướng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="258"/>
        <source>Export &amp;Excel…</source>
        <translation>Xuất &amp;Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="259"/>
        <source>Export &amp;PDF (A4)…</source>
        <translation>Xuất &amp;PDF (A4)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="260"/>
        <source>Export C&amp;SV…</source>
        <translation>Xuất C&amp;SV…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="261"/>
        <source>Report &amp;header…</source>
        <translation>&amp;Đầu báo cáo…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="263"/>
        <location filename="../../desktop/gui/staff/reports.py" line="307"/>
        <source>Double-click a number to list the records behind it.</source>
        <translation>Nhấp đúp vào một con số để xem các phiếu tạo nên số đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="281"/>
        <source>My neighbourhood</source>
        <translation>Khu phố của tôi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="284"/>
        <source>The whole ward</source>
        <translation>Toàn phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="324"/>
        <source>Choose a period and press Show report.</source>
        <translation>Chọn kỳ báo cáo rồi bấm Xem báo cáo.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="331"/>
        <source>the whole ward</source>
        <translation>toàn phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="334"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %3: &lt;b&gt;%4&lt;/b&gt; records (helps), &lt;b&gt;%5&lt;/b&gt; residents, &lt;b&gt;%6&lt;/b&gt; online dossiers. Compared with %7: records %8, residents %9.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2), %3: &lt;b&gt;%4&lt;/b&gt; lượt hỗ trợ, &lt;b&gt;%5&lt;/b&gt; người dân, &lt;b&gt;%6&lt;/b&gt; hồ sơ trực tuyến. So với %7: lượt hỗ trợ %8, người dân %9.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="346"/>
        <source>Locked figures (chốt số liệu) by %1 on %2.</source>
        <translation>Số liệu đã chốt bởi %1 lúc %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="349"/>
        <source>%1 of its records changed since: they are kept and flagged, the locked report stays as it was.</source>
        <translation>Có %1 phiếu của kỳ này thay đổi sau khi chốt: các thay đổi được giữ và đánh dấu, báo cáo đã chốt giữ nguyên.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="354"/>
        <source>&amp;Unlock…</source>
        <translation>&amp;Mở khoá…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="356"/>
        <source>Live figures (not locked).</source>
        <translation>Số liệu hiện thời (chưa chốt).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="358"/>
        <source>&amp;Lock figures…</source>
        <translation>&amp;Chốt số liệu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="402"/>
        <source>Records behind “%1”: %2 records</source>
        <translation>Các phiếu của “%1”: %2 lượt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="439"/>
        <source>Save the report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="454"/>
        <location filename="../../desktop/gui/staff/reports.py" line="465"/>
        <source>Making the report…</source>
        <translation>Đang lập báo cáo…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="461"/>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="474"/>
        <source>Lock the figures</source>
        <translation>Chốt số liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="475"/>
        <source>Lock the figures of this period? Its report will print the same from now on; later changes of its records are kept and flagged.</source>
        <translation>Chốt số liệu kỳ này? Từ nay báo cáo của kỳ sẽ in ra như cũ; các thay đổi về sau của phiếu được giữ và đánh dấu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="481"/>
        <source>Unlock the figures</source>
        <translation>Mở khoá số liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="482"/>
        <source>Why are the locked figures unlocked? (required, kept in the audit log)</source>
        <translation>Vì sao mở khoá số liệu đã chốt? (bắt buộc, ghi vào nhật ký hệ thống)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="491"/>
        <source>Unlocking needs a reason: write why the figures are opened again.</source>
        <translation>Mở khoá cần có lý do: hãy ghi vì sao cần mở lại số liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="502"/>
        <source>The figures are locked.</source>
        <translation>Đã chốt số liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="503"/>
        <source>The figures are unlocked.</source>
        <translation>Đã mở khoá số liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/reports.py" line="525"/>
        <source>The report header is saved.</source>
        <translation>Đã lưu phần đầu báo cáo.</translation>
    </message>
</context>
<context>
    <name>ResidentPairs</name>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="36"/>
        <source>Certain</source>
        <translation>Chắc chắn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="37"/>
        <source>Likely</source>
        <translation>Nhiều khả năng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="38"/>
        <source>Possible</source>
        <translation>Có thể</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="44"/>
        <source>Same person?</source>
        <translation>Cùng một người?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="45"/>
        <source>Recorded twice?</source>
        <translation>Nhập trùng?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="51"/>
        <source>To decide</source>
        <translation>Chờ quyết định</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="52"/>
        <source>Same person</source>
        <translation>Cùng một người</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="53"/>
        <source>Different people</source>
        <translation>Khác người</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="54"/>
        <source>Double entry excluded</source>
        <translation>Lần nhập trùng (đã loại)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="97"/>
        <source>Score</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="98"/>
        <source>Level</source>
        <translation>Mức</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="99"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="100"/>
        <source>Record A</source>
        <translation>Bản ghi A</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="101"/>
        <source>Record B</source>
        <translation>Bản ghi B</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/pairs_model.py" line="102"/>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="182"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="183"/>
        <source>You</source>
        <translation>Thông tin của bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="184"/>
        <source>Ward server</source>
        <translation>Máy chủ phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="185"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="186"/>
        <source>Your &amp;name</source>
        <translation>&amp;Họ tên của bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="187"/>
        <source>&amp;Neighbourhood</source>
        <translation>&amp;Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="188"/>
        <source>Server &amp;address</source>
        <translation>&amp;Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="189"/>
        <source>Ward &amp;CA certificate (optional)</source>
        <translation>&amp;Chứng chỉ CA của phường (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="191"/>
        <source>Only if the ward&apos;s server uses its own certificate: the .pem file the ward gave you.</source>
        <translation>Chỉ cần khi máy chủ phường dùng chứng chỉ riêng: tệp .pem do phường cung cấp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="193"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="194"/>
        <source>The ward allows unencrypted http:// here</source>
        <translation>Phường cho phép dùng http:// không mã hoá ở đây</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="196"/>
        <source>With http:// anyone on the network can read residents&apos; data and this laptop&apos;s access code. Tick this only on the ward&apos;s closed network, when staff ask you to.</source>
        <translation>Với http://, ai trong mạng cũng đọc được dữ liệu của người dân và mã truy cập của máy này. Chỉ đánh dấu ô này trong mạng nội bộ của phường, khi cán bộ yêu cầu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="198"/>
        <source>One-time &amp;code</source>
        <translation>&amp;Mã đăng ký</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="199"/>
        <source>The code ward staff gave you to connect this laptop.</source>
        <translation>Mã dùng một lần do cán bộ phường cấp để kết nối máy này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="200"/>
        <source>&amp;Enrol this laptop</source>
        <translation>Đăng &amp;ký máy này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="201"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="202"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="203"/>
        <source>Data &amp;protection…</source>
        <translation>&amp;Bảo vệ dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="253"/>
        <source>The ward has withdrawn this laptop&apos;s access. Your records are all still here. Ask ward staff for a new code and enrol again.</source>
        <translation>Phường đã thu hồi quyền truy cập của máy này. Mọi phiếu của bạn vẫn còn trên máy. Hãy xin cán bộ phường mã mới và đăng ký lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="256"/>
        <source>Enrolled with {server} (device {device}).</source>
        <translation>Đã đăng ký với {server} (thiết bị {device}).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="259"/>
        <source>Not enrolled: records stay on this laptop until you enter the ward&apos;s address and a one-time code.</source>
        <translation>Chưa đăng ký: các phiếu ở lại trên máy này cho đến khi bạn nhập địa chỉ máy chủ phường và mã đăng ký.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="263"/>
        <source>Last sync: {when}, {result}.</source>
        <translation>Lần đồng bộ gần nhất: {when}, {result}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="267"/>
        <source>Last sync: never.</source>
        <translation>Lần đồng bộ gần nhất: chưa có.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="291"/>
        <source>A new address needs a new one-time code from the ward: enter it below and press Enrol. Until then this laptop keeps sending to {server}.</source>
        <translation>Địa chỉ mới cần một mã đăng ký mới do phường cấp: nhập mã ở dưới rồi bấm Đăng ký. Cho đến lúc đó, máy này vẫn gửi phiếu đến {server}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="293"/>
        <source>&amp;Keep {server}</source>
        <translation>&amp;Giữ {server}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="306"/>
        <source>Ward CA certificate</source>
        <translation>Chứng chỉ CA của phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="307"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="321"/>
        <source>Write the server address like https://hotroso.example.vn.</source>
        <translation>Hãy viết địa chỉ máy chủ dạng https://hotroso.example.vn.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="324"/>
        <source>{server} uses unencrypted http://: anyone on the network could read residents&apos; data. Use the ward&apos;s https:// address; only if ward staff say so, tick &quot;The ward allows unencrypted http:// here&quot; and enrol again.</source>
        <translation>{server} dùng http:// không mã hoá: ai trong mạng cũng có thể đọc dữ liệu của người dân. Hãy dùng địa chỉ https:// của phường; chỉ khi cán bộ phường yêu cầu, hãy đánh dấu ô &quot;Phường cho phép dùng http:// không mã hoá ở đây&quot; rồi đăng ký lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="329"/>
        <source>The certificate file {path} does not exist. Choose it again or leave the field empty.</source>
        <translation>Không có tệp chứng chỉ {path}. Hãy chọn lại hoặc để trống ô này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="336"/>
        <source>Enter the one-time code from ward staff.</source>
        <translation>Hãy nhập mã đăng ký do cán bộ phường cấp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="348"/>
        <source>Contacting the ward server…</source>
        <translation>Đang liên hệ máy chủ phường…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="356"/>
        <source>This laptop is now enrolled. Records will be sent to the ward.</source>
        <translation>Máy này đã được đăng ký. Các phiếu sẽ được gửi lên phường.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="367"/>
        <source>Enrolment failed.</source>
        <translation>Đăng ký không thành công.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="398"/>
        <source>Enter your full name: it is written on every record you make.</source>
        <translation>Hãy nhập họ tên của bạn: tên này được ghi trên mọi phiếu bạn lập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="402"/>
        <source>Write the server address like https://hotroso.example.vn (or leave it empty).</source>
        <translation>Hãy viết địa chỉ máy chủ dạng https://hotroso.example.vn (hoặc để trống).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/settings_dialog.py" line="407"/>
        <source>The new address is not saved: this laptop is enrolled with {server}. Enter the ward&apos;s one-time code and press Enrol to move to the new address, or keep {server}.</source>
        <translation>Địa chỉ mới chưa được lưu: máy này đang đăng ký với {server}. Hãy nhập mã đăng ký dùng một lần của phường rồi bấm Đăng ký để chuyển sang địa chỉ mới, hoặc giữ {server}.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="89"/>
        <source>Ward staff sign-in</source>
        <translation>Đăng nhập cán bộ phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="90"/>
        <source>Ward &amp;server address:</source>
        <translation>Địa chỉ &amp;máy chủ phường:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="90"/>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="91"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="95"/>
        <location filename="../../desktop/gui/staff/sign_in.py" line="153"/>
        <source>&amp;Sign in</source>
        <translation>Đăng &amp;nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="96"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="112"/>
        <source>Enter the ward server&apos;s address (ask the ward for it).</source>
        <translation>Hãy nhập địa chỉ máy chủ phường (hỏi phường nếu chưa có).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="116"/>
        <source>The address must start with https:// (for example https://may-chu-phuong:8443).</source>
        <translation>Địa chỉ phải bắt đầu bằng https:// (ví dụ https://may-chu-phuong:8443).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="121"/>
        <source>Enter your user name and password.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="138"/>
        <source>The user name or the password is not right. Check them (Caps Lock?) and try again.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại (có bật Caps Lock không?) rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/sign_in.py" line="153"/>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
</context>
<context>
    <name>StaffDetail</name>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="54"/>
        <source>the ward (phường)</source>
        <translation>phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="57"/>
        <source>%1 (device %2)</source>
        <translation>%1 (máy %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="62"/>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="64"/>
        <source>(conflict)</source>
        <translation>(xung đột)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="118"/>
        <source>Before: %1</source>
        <translation>Trước đó: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="123"/>
        <source>Version %1 — %2, %3:</source>
        <translation>Phiên bản %1 — %2, %3:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="128"/>
        <source>no change to the fields shown</source>
        <translation>không đổi trường nào trong các trường hiển thị</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/detail.py" line="133"/>
        <source>Only one version: nothing has changed since the record arrived.</source>
        <translation>Chỉ có một phiên bản: chưa có thay đổi nào từ khi bản ghi đến phường.</translation>
    </message>
</context>
<context>
    <name>StaffEntry</name>
    <message>
        <location filename="../../desktop/gui/staff/entry.py" line="70"/>
        <location filename="../../desktop/gui/staff/entry.py" line="81"/>
        <source>Ward &amp;staff sign-in…</source>
        <translation>Đăng nhập &amp;cán bộ phường…</translation>
    </message>
</context>
<context>
    <name>StaffLaunchers</name>
    <message>
        <location filename="../../desktop/gui/staff/launchers.py" line="50"/>
        <source>Re&amp;ports…</source>
        <extracomment>The records selected in the review queue (the hand-over form starts with one).</extracomment>
        <translation>&amp;Báo cáo…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/launchers.py" line="51"/>
        <source>Ad&amp;ministration…</source>
        <translation>&amp;Quản trị…</translation>
    </message>
</context>
<context>
    <name>StaffQueue</name>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="43"/>
        <source>Received</source>
        <translation>Mới nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="44"/>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="45"/>
        <source>Needs fixing</source>
        <translation>Cần sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="46"/>
        <source>Rejected</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="47"/>
        <source>Fixed, re-check</source>
        <translation>Đã sửa, cần duyệt lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="103"/>
        <source>Date helped</source>
        <translation>Ngày hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="104"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="105"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="106"/>
        <source>Assistance</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="107"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="108"/>
        <source>Review</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="109"/>
        <source>Conflict</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/queue_model.py" line="135"/>
        <source>⚠ Conflict</source>
        <translation>⚠ Xung đột</translation>
    </message>
</context>
<context>
    <name>StaffWindow</name>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="334"/>
        <location filename="../../desktop/gui/staff/window.py" line="338"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="339"/>
        <source>Conflicts only</source>
        <translation>Chỉ bản ghi xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="340"/>
        <source>No conflict</source>
        <translation>Không xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="347"/>
        <source>Hỗ trợ số — ward staff</source>
        <translation>Hỗ trợ số — cán bộ phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="348"/>
        <source>&amp;Try again</source>
        <translation>&amp;Thử lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="349"/>
        <source>Review:</source>
        <translation>Duyệt:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="350"/>
        <source>Conflict:</source>
        <translation>Xung đột:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="351"/>
        <source>Search: typing filters the loaded records, Enter searches them all (name, phone, CCCD) — Ctrl+F</source>
        <translation>Tìm: gõ để lọc các bản ghi đã tải, Enter để tìm trong tất cả (tên, số điện thoại, CCCD) — Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="354"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="355"/>
        <source>&amp;Approve selected</source>
        <translation>&amp;Duyệt các dòng đã chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="356"/>
        <source>Needs &amp;fixing…</source>
        <translation>Yêu cầu &amp;sửa…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="357"/>
        <source>Re&amp;ject…</source>
        <translation>Từ &amp;chối…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="358"/>
        <source>Same &amp;person…</source>
        <translation>Cùng một &amp;người…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="360"/>
        <source>Select the two records of one resident the engine did not propose (another name, a new phone) and link them</source>
        <translation>Chọn hai phiếu của cùng một cư dân mà hệ thống không đề xuất (tên khác, số điện thoại mới) rồi liên kết chúng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="363"/>
        <source>&amp;Versions</source>
        <translation>Các &amp;phiên bản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="364"/>
        <source>&amp;Correct</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="365"/>
        <source>Co&amp;nflict</source>
        <translation>&amp;Xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="366"/>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="368"/>
        <source>Same &amp;resident…</source>
        <translation>Cư dân &amp;trùng…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="370"/>
        <source>administrator</source>
        <translation>quản trị</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="370"/>
        <source>ward staff</source>
        <translation>cán bộ phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="371"/>
        <source>team lead</source>
        <translation>tổ trưởng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="371"/>
        <source>reviewer</source>
        <translation>người duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="372"/>
        <source>Signed in as %1 (%2) at %3</source>
        <translation>Đã đăng nhập: %1 (%2) tại %3</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="432"/>
        <source> (scroll for more)</source>
        <translation> (cuộn xuống để tải thêm)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="433"/>
        <source>%1 of %2 loaded records shown</source>
        <translation>Hiện %1 trong %2 bản ghi đã tải</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="436"/>
        <source>; %1 match on the server</source>
        <translation>; %1 khớp trên máy chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="553"/>
        <source>%1 records selected</source>
        <translation>Đã chọn %1 bản ghi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="612"/>
        <source>Send back for fixing</source>
        <translation>Gửi lại để sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="613"/>
        <source>What must the volunteer fix? They see this comment on their laptop at the next sync.</source>
        <translation>Tình nguyện viên cần sửa gì? Họ sẽ thấy nhận xét này trên máy ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="625"/>
        <source>Reject</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="626"/>
        <source>Why is this record rejected? The volunteer sees the reason.</source>
        <translation>Vì sao từ chối bản ghi này? Tình nguyện viên sẽ thấy lý do.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="648"/>
        <source>%1 record(s) marked “%2”.</source>
        <translation>Đã chuyển %1 bản ghi sang “%2”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="659"/>
        <source>Saving the review…</source>
        <translation>Đang lưu kết quả duyệt…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="684"/>
        <source>&amp;Undo the link</source>
        <translation>&amp;Hoàn tác liên kết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="687"/>
        <source>&amp;Undo last review (%1)</source>
        <translation>&amp;Hoàn tác lần duyệt vừa rồi (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="688"/>
        <source>&amp;Undo last review</source>
        <translation>&amp;Hoàn tác lần duyệt vừa rồi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="721"/>
        <source>Review undone for %1 record(s).</source>
        <translation>Đã hoàn tác kết quả duyệt của %1 bản ghi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/window.py" line="788"/>
        <source>The conflict is resolved; every laptop holding the record receives the result at its next sync.</source>
        <translation>Đã giải quyết xung đột; mọi máy đang giữ bản ghi sẽ nhận kết quả ở lần đồng bộ tới.</translation>
    </message>
</context>
<context>
    <name>StartMeetingDialog</name>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="61"/>
        <source>Start a meeting</source>
        <extracomment>Resolution of the saved PDF (what it is laid out and drawn at).</extracomment>
        <translation>Bắt đầu buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="80"/>
        <source>&amp;Place</source>
        <translation>&amp;Địa điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="81"/>
        <source>&amp;Date</source>
        <translation>&amp;Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="82"/>
        <source>&amp;Host</source>
        <translation>&amp;Người chủ trì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="83"/>
        <source>&amp;Neighbourhood</source>
        <translation>&amp;Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="85"/>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="88"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="91"/>
        <source>Records you enter until you end the meeting belong to it.</source>
        <translation>Các phiếu bạn nhập cho đến khi kết thúc buổi họp đều thuộc buổi họp này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="106"/>
        <source>Enter where the meeting is held.</source>
        <translation>Hãy nhập nơi họp.</translation>
    </message>
</context>
<context>
    <name>SyncHistoryDialog</name>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="142"/>
        <source>Sync history</source>
        <translation>Lịch sử đồng bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="148"/>
        <source>When</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="148"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="148"/>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="148"/>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="149"/>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="156"/>
        <source>This laptop has not synced yet.</source>
        <translation>Máy này chưa đồng bộ lần nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="162"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="208"/>
        <source>Started {start}, ended {end}.</source>
        <translation>Bắt đầu {start}, kết thúc {end}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="210"/>
        <source>Sent: {new} new, {had} the ward already had, {conflicts} in conflict; rejected {rejected}.</source>
        <translation>Đã gửi: {new} mới, {had} phường đã có, {conflicts} xung đột; bị từ chối {rejected}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="214"/>
        <source>Received: {pulled} updates ({reviews} reviews, {corrections} corrections).</source>
        <translation>Đã nhận: {pulled} cập nhật ({reviews} nhận xét, {corrections} chỉnh sửa).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="218"/>
        <source>Requests: {requests}, {kb} kB sent, {kb_in} kB received.</source>
        <translation>Số yêu cầu: {requests}, gửi {kb} kB, nhận {kb_in} kB.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="224"/>
        <source>Why it stopped: {message}</source>
        <translation>Lý do dừng: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="227"/>
        <source>Rejected records (fix them and sync again):</source>
        <translation>Các phiếu bị từ chối (hãy sửa rồi đồng bộ lại):</translation>
    </message>
</context>
<context>
    <name>SyncWidgets</name>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="40"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="41"/>
        <source>Could not finish</source>
        <translation>Chưa xong</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="42"/>
        <source>Cancelled</source>
        <translation>Đã huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="43"/>
        <source>Access withdrawn</source>
        <translation>Bị thu hồi quyền</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="61"/>
        <source>Sent {sent}, received {received} updates, rejected {rejected}.</source>
        <translation>Đã gửi {sent}, nhận {received} cập nhật, bị từ chối {rejected}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="99"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="107"/>
        <source>Syncing with the ward…</source>
        <translation>Đang đồng bộ với phường…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="111"/>
        <source>Sending records… {done}/{total}</source>
        <translation>Đang gửi phiếu… {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="116"/>
        <source>Receiving the ward&apos;s answers… {done}</source>
        <translation>Đang nhận phản hồi của phường… {done}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/sync_widgets.py" line="125"/>
        <source>Cancelling…</source>
        <translation>Đang huỷ…</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../desktop/gui/tasks.py" line="287"/>
        <source>Please wait</source>
        <extracomment>Progress updates are forwarded to the GUI at most this often, so a job reporting every row of a 100,000-row import does not flood the event loop.</extracomment>
        <translation>Vui lòng chờ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/tasks.py" line="293"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/tasks.py" line="295"/>
        <source>Cancelling…</source>
        <translation>Đang huỷ…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="326"/>
        <source>New account</source>
        <translation>Tài khoản mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="327"/>
        <source>Account %1</source>
        <translation>Tài khoản %1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="334"/>
        <source>administrator</source>
        <translation>quản trị viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="334"/>
        <source>ward staff</source>
        <translation>cán bộ phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="335"/>
        <source>team lead</source>
        <translation>tổ trưởng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="346"/>
        <source>User name:</source>
        <translation>Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="347"/>
        <source>Password (at least 10 characters):</source>
        <translation>Mật khẩu (ít nhất 10 ký tự):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="348"/>
        <source>Full name:</source>
        <translation>Họ tên:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="349"/>
        <source>Role:</source>
        <translation>Vai trò:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="350"/>
        <source>Neighbourhood (team leads):</source>
        <translation>Khu phố (với tổ trưởng):</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="208"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="209"/>
        <source>Full name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="210"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="211"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="212"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="212"/>
        <source>active</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="213"/>
        <source>disabled</source>
        <translation>đã khoá</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="214"/>
        <source>Created</source>
        <translation>Ngày tạo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="222"/>
        <source>&amp;New account…</source>
        <translation>Tài khoản &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="224"/>
        <source>Role and &amp;neighbourhood…</source>
        <translation>&amp;Vai trò và khu phố…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="226"/>
        <source>Disable / &amp;enable</source>
        <translation>&amp;Khoá / mở</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="228"/>
        <source>Reset &amp;password…</source>
        <translation>Đặt lại &amp;mật khẩu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="239"/>
        <source>administrator</source>
        <translation>quản trị viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="239"/>
        <source>ward staff</source>
        <translation>cán bộ phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="240"/>
        <source>team lead</source>
        <translation>tổ trưởng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="240"/>
        <source>volunteer</source>
        <translation>tình nguyện viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="257"/>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="288"/>
        <location filename="../../desktop/gui/staff/admin.py" line="297"/>
        <location filename="../../desktop/gui/staff/admin.py" line="310"/>
        <source>Choose an account in the list first.</source>
        <translation>Hãy chọn một tài khoản trong danh sách trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="300"/>
        <source>Disable the account</source>
        <translation>Khoá tài khoản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="301"/>
        <source>Disable %1? They can no longer sign in; their sessions end now.</source>
        <translation>Khoá tài khoản %1? Người này không đăng nhập được nữa; các phiên làm việc kết thúc ngay.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="313"/>
        <source>Reset the password</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/staff/admin.py" line="314"/>
        <source>New password for %1 (at least 10 characters; tell it to them in person):</source>
        <translation>Mật khẩu mới cho %1 (ít nhất 10 ký tự; báo trực tiếp cho người đó):</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/gui/errors.py" line="56"/>
        <source>The disk is full. Free some space (delete or move files), then try again. Nothing was lost: what you entered is still in the form.</source>
        <translation>Ổ đĩa đã đầy. Hãy giải phóng chỗ trống (xoá hoặc chuyển bớt tệp) rồi thử lại. Không mất gì: nội dung bạn nhập vẫn còn trên phiếu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="60"/>
        <source>The data file is being used by another program (perhaps a second copy of this app). Close it and try again.</source>
        <translation>Tệp dữ liệu đang được chương trình khác dùng (có thể là một cửa sổ Hỗ trợ số thứ hai). Hãy đóng chương trình đó rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="64"/>
        <source>The data file cannot be read: it is damaged or it is not this app&apos;s file. Ask the ward&apos;s IT person for help before trying again.</source>
        <translation>Không đọc được tệp dữ liệu: tệp bị hỏng hoặc không phải tệp của ứng dụng này. Hãy nhờ cán bộ tin học của phường trước khi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="68"/>
        <source>This app is not allowed to read or write the file {path}. Choose another folder or ask for access.</source>
        <translation>Ứng dụng không có quyền đọc hoặc ghi tệp {path}. Hãy chọn thư mục khác hoặc xin cấp quyền.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="72"/>
        <source>The file {path} does not exist (any more). Choose it again.</source>
        <translation>Tệp {path} không tồn tại (nữa). Hãy chọn lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="76"/>
        <source>The file cannot be read as text. Save it as CSV UTF-8 or as XLSX and try again.</source>
        <translation>Không đọc được tệp dưới dạng văn bản. Hãy lưu thành CSV UTF-8 hoặc XLSX rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="80"/>
        <source>That is a folder, not a file. Choose a file.</source>
        <translation>Đây là thư mục, không phải tệp. Hãy chọn một tệp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="106"/>
        <source>Hỗ trợ số</source>
        <translation>Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="118"/>
        <source>Copy details</source>
        <translation>Sao chép chi tiết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="121"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="144"/>
        <source>Something went wrong inside the app. What you entered is kept. Please copy the details and send them to the ward&apos;s IT person.</source>
        <translation>Ứng dụng gặp lỗi. Nội dung bạn đã nhập vẫn được giữ. Hãy sao chép chi tiết và gửi cho cán bộ tin học của phường.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="125"/>
        <source>Import records</source>
        <translation>Nhập phiếu từ tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="143"/>
        <source>Importing {name}…</source>
        <translation>Đang nhập {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="148"/>
        <source>Export records</source>
        <translation>Xuất phiếu ra tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="164"/>
        <source>{count} records written to {path}</source>
        <translation>Đã ghi {count} phiếu vào {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="169"/>
        <source>Export cancelled; no file written.</source>
        <translation>Đã huỷ xuất tệp; không có tệp nào được ghi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="173"/>
        <source>Exporting to {name}…</source>
        <translation>Đang xuất ra {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="281"/>
        <source>Export data bundle for the ward</source>
        <translation>Xuất gói dữ liệu cho phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="292"/>
        <source>{count} unsent records written to {path}. Take the file to the ward; the next sync tells this laptop the outcome.</source>
        <translation>Đã ghi {count} phiếu chưa gửi vào {path}. Hãy mang tệp này đến phường; lần đồng bộ tới máy sẽ biết kết quả.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_sync.py" line="299"/>
        <source>Writing {name}…</source>
        <translation>Đang ghi {name}…</translation>
    </message>
</context>
<context>
    <name>unlock</name>
    <message>
        <location filename="../../desktop/gui/unlock.py" line="65"/>
        <source>This copy of the app runs from a USB stick, which moves between computers: the records on it are protected with a passphrase.</source>
        <translation>Ứng dụng này chạy từ USB, mang từ máy này sang máy khác: các phiếu trên USB được bảo vệ bằng mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/unlock.py" line="71"/>
        <source>Encrypting the records on this laptop (once)…</source>
        <translation>Đang mã hoá các phiếu trên máy này (một lần)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/unlock.py" line="88"/>
        <source>This computer has no keyring to keep the data key in, so the records are protected with a passphrase.</source>
        <translation>Máy này không có kho khoá (keyring) để cất khoá dữ liệu, nên các phiếu được bảo vệ bằng mật khẩu.</translation>
    </message>
</context>
</TS>
